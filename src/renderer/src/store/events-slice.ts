import type { HookInspectorBridge } from '@shared/api'
import type { HistoryEntry } from '@shared/schemas'
import { applyEntries, emptyHistory } from '../lib/history-index'
import { ownDispatchUpdate } from './own-dispatch'
import { settingsState } from './settings-state'
import type { EventsSlice } from './events-types'
import type { AllState, Slice } from './types'

/**
 * Live events, applied a batch at a time in one state update, so a flood of captures costs one
 * render per batch rather than one per request. The batches are the transport's own (the main
 * process or the control server collects events over an interval): nothing is split or
 * collected again here.
 */
export function createEventsSlice(bridge: HookInspectorBridge): Slice<EventsSlice> {
  return (set, get) => ({
    connectEvents() {
      return bridge.onBatch((batch) => get().applyEvents(batch))
    },

    applyEvents(batch) {
      if (batch.length === 0) return
      const s = get()
      const next: Partial<AllState> = {}
      let history = s.history
      let entries: HistoryEntry[] = []
      let notices = s.notices
      for (const event of batch) {
        switch (event.type) {
          case 'capture':
          case 'capture-updated':
          case 'exchange-started':
          case 'exchange-done':
            entries.push(event.data)
            break
          case 'capacity-progress':
            next.capacityProgress = event.data
            break
          case 'capacity-done':
            entries.push(event.data)
            break
          case 'history-cleared':
            history = emptyHistory()
            entries = []
            next.selectedRowId = null
            break
          case 'receiver-status':
            next.receiver = event.data
            break
          case 'settings-changed':
            Object.assign(next, settingsState(event.data, { ...s, ...next }))
            break
          case 'notice':
            notices = [...notices.filter((n) => n.id !== event.data.id), event.data]
            break
          case 'notice-cleared': {
            const { id } = event.data
            notices = notices.filter((n) => n.id !== id)
            break
          }
          case 'public-status':
            next.publicStatus = event.data
            break
        }
      }
      history = applyEntries(history, entries)
      // The window's own dispatch, once announced, is selected: its Flow tab runs live.
      const own = s.dispatch.phase === 'pending' ? s.dispatch.exchangeId : null
      if (own !== null && batch.some((e) => e.type === 'exchange-started' && e.data.id === own)) {
        next.selectedRowId = history.rowOf.get(own) ?? s.selectedRowId
      }
      // Its exchange-done is its outcome (the one writer of the exchange; see own-dispatch.ts).
      const done = ownDispatchUpdate({ ...s, ...next }, history, batch)
      set({ ...next, ...done?.state, history, notices })
      for (const message of done?.notices ?? []) get().toast('info', message)
    }
  })
}
