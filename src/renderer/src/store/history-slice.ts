import type { HookInspectorBridge } from '@shared/api'
import { emptyHistory } from '../lib/history-index'
import { NO_FILTERS } from '../lib/row-filter'
import type { DecodedBodyState, HistorySlice } from './history-types'
import type { Slice } from './types'
import { errorMessage } from '@shared/error-message'

/** The timeline: indexed entries, filters and the selected row. */
export function createHistorySlice(bridge: HookInspectorBridge): Slice<HistorySlice> {
  return (set, get) => ({
    history: emptyHistory(),
    filters: NO_FILTERS,
    selectedRowId: null,
    decodedBody: null,

    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } })
    },

    selectRow(id) {
      set({ selectedRowId: id })
    },

    async clearHistory() {
      try {
        await bridge.clearHistory()
        set({ history: emptyHistory(), selectedRowId: null, markedRowIds: [], markAnchor: null })
      } catch (e) {
        get().toast('error', `Could not clear the history: ${errorMessage(e)}`)
      }
    },

    async loadDecodedBody(captureId) {
      set({ decodedBody: { captureId, body: null, error: null } })
      let next: DecodedBodyState
      try {
        next = { captureId, body: await bridge.decodeBody(captureId), error: null }
      } catch (e) {
        next = { captureId, body: null, error: errorMessage(e) }
      }
      // Only if no other body was asked for meanwhile.
      if (get().decodedBody?.captureId === captureId) set({ decodedBody: next })
    }
  })
}
