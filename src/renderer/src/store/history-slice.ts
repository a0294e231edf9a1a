import type { HookInspectorBridge } from '../../../shared/api'
import { emptyHistory } from '../lib/history-index'
import { NO_FILTERS } from '../lib/row-filter'
import { errorText } from './error-text'
import type { HistorySlice, Slice } from './types'

/** The timeline: indexed entries, filters and the selected row. */
export function createHistorySlice(bridge: HookInspectorBridge): Slice<HistorySlice> {
  return (set, get) => ({
    history: emptyHistory(),
    filters: NO_FILTERS,
    selectedRowId: null,

    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } })
    },

    selectRow(id) {
      set({ selectedRowId: id })
    },

    async clearHistory() {
      try {
        await bridge.clearHistory()
        set({ history: emptyHistory(), selectedRowId: null })
      } catch (e) {
        get().toast('error', `Could not clear the history: ${errorText(e)}`)
      }
    }
  })
}
