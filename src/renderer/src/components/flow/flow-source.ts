import type { Capture, Exchange } from '@shared/schemas'
import type { HistoryIndex, TimelineRow } from '@renderer/lib/history-index'
import type { FlowInput } from './flow-model'

/** An exchange or capture by id, when it is in the loaded history. */
export function entryById(
  history: HistoryIndex,
  id: string | null | undefined
): Exchange | Capture | null {
  if (!id) return null
  const row = history.rows.get(history.rowOf.get(id) ?? '')
  if (row?.exchange?.id === id) return row.exchange
  if (row?.capture?.id === id) return row.capture
  return null
}

/**
 * What the diagram of a row draws, from the loaded history: the row itself, the receiver's
 * forwarding exchange when its capture was forwarded, and the entry a replay re-sends. A
 * forwarding exchange selected on its own is drawn inside the request it forwarded.
 */
export function flowInputOf(
  history: HistoryIndex,
  row: TimelineRow,
  elapsedMs: number | null
): FlowInput {
  const ex = row.exchange
  if (ex?.origin === 'forward' && ex.forwardOf) {
    const parent = history.rows.get(history.rowOf.get(ex.forwardOf) ?? '')
    if (parent?.capture) {
      return {
        exchange: parent.exchange,
        capture: parent.capture,
        forwardLeg: ex,
        replaySource: entryById(history, parent.exchange?.replayOf),
        elapsedMs
      }
    }
  }
  const leg = entryById(history, row.capture?.forward?.exchangeId)
  return {
    exchange: ex,
    capture: row.capture,
    forwardLeg: leg?.type === 'exchange' ? leg : null,
    replaySource: entryById(history, ex?.replayOf),
    elapsedMs
  }
}
