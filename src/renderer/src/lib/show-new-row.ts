import type { Exchange } from '@shared/schemas'
import type { HistoryIndex } from './history-index'
import { NO_FILTERS, rowMatches, type TimelineFilters } from './row-filter'

/** What the timeline does so a row just sent is seen: nothing, or its filters cleared, and why. */
export interface ShowNewRow {
  filters: TimelineFilters
  notice: string | null
}

/**
 * The filters to keep once an exchange the user just sent (a fire or a re-send) is in the history:
 * a row the user made must not vanish behind a filter, so filters that hide it are cleared and
 * the notice says so (the selection alone would point at nothing on screen).
 */
export function showNewRow(
  history: HistoryIndex,
  filters: TimelineFilters,
  exchange: Exchange
): ShowNewRow {
  const row = history.rows.get(history.rowOf.get(exchange.id) ?? '')
  if (!row || rowMatches(row, filters)) return { filters, notice: null }
  const what = exchange.replayOf ? 'the re-sent row' : 'the new row'
  return {
    filters: NO_FILTERS,
    notice: `The timeline filters were cleared to show ${what}, which they hid.`
  }
}
