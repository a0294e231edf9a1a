import type { EngineEvent } from '@shared/api'
import type { Exchange } from '@shared/schemas'
import type { HistoryIndex } from '../lib/history-index'
import { showNewRow } from '../lib/show-new-row'
import type { DispatchState } from './dispatch-types'
import type { AllState } from './types'

/** What the window's own dispatch changes in the store, and the notices to show after. */
export interface OwnDispatchUpdate {
  state: Partial<AllState>
  notices: string[]
}

/** The dispatch when nothing is being sent or shown. */
export const IDLE_DISPATCH: DispatchState = {
  phase: 'idle',
  hookId: null,
  hookName: '',
  event: 'insert',
  timeoutMs: 0,
  startedAt: 0,
  exchangeId: null,
  abortRequested: false,
  exchange: null
}

/**
 * The window's own dispatch (a fire or re-send whose exchange id it chose) as the engine's
 * `exchange-done` events tell it, with `history` already holding the batch: the event is the one
 * writer of an exchange in the store, so the outcome is the event's whatever arrives first, the
 * call's answer or the event (the answer only carries a refusal made before any exchange
 * existed). A pending dispatch finishes: its outcome shown and its row selected and shown (the
 * filters cleared, with a notice, when they hide it), or back to idle when it was aborted. A
 * finished one keeps following its exchange (a capture linked after it ended).
 */
export function ownDispatchUpdate(
  s: Pick<AllState, 'dispatch' | 'filters' | 'selectedRowId'>,
  history: HistoryIndex,
  batch: readonly EngineEvent[]
): OwnDispatchUpdate | null {
  const d = s.dispatch
  if (d.phase === 'idle' || d.exchangeId === null) return null
  let exchange: Exchange | null = null
  for (const event of batch) {
    if (event.type === 'exchange-done' && event.data.id === d.exchangeId) exchange = event.data
  }
  if (exchange === null) return null
  if (d.phase !== 'pending') return { state: { dispatch: { ...d, exchange } }, notices: [] }
  const shown = showNewRow(history, s.filters, exchange)
  const notices = shown.notice === null ? [] : [shown.notice]
  const base = {
    selectedRowId: history.rowOf.get(exchange.id) ?? s.selectedRowId,
    filters: shown.filters
  }
  if (exchange.error?.kind === 'aborted') {
    return {
      state: { ...base, dispatch: IDLE_DISPATCH },
      notices: [...notices, 'The dispatch was aborted.']
    }
  }
  const phase = exchange.error ? 'failed' : 'saved'
  return { state: { ...base, dispatch: { ...d, phase, exchange } }, notices }
}
