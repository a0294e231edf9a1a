import type { Capture, Exchange, HistoryEntry } from './schemas'

/** The entries of one timeline row: a dispatch, a capture, or a dispatch and the capture it made. */
export interface TimelineRowEntries {
  exchange: Exchange | null
  capture: Capture | null
}

/**
 * History entries grouped as the timeline shows them, in the order of their first entry: an
 * exchange and the capture linked to it (by either side's id) are one row.
 */
export function timelineRows(entries: readonly HistoryEntry[]): TimelineRowEntries[] {
  const captures = new Map<string, Capture>()
  for (const e of entries) if (e.type === 'capture') captures.set(e.id, e)
  const exchangeIds = new Set(entries.filter((e) => e.type === 'exchange').map((e) => e.id))
  const paired = new Set<string>()
  const rows: TimelineRowEntries[] = []
  for (const e of entries) {
    if (e.type === 'exchange') {
      const linked =
        (e.captureId !== null ? captures.get(e.captureId) : undefined) ??
        [...captures.values()].find((c) => c.exchangeId === e.id)
      if (linked && !paired.has(linked.id)) {
        paired.add(linked.id)
        rows.push({ exchange: e, capture: linked })
      } else {
        rows.push({ exchange: e, capture: null })
      }
    } else if (e.type === 'capture' && !paired.has(e.id)) {
      // A capture whose exchange comes later is paired there.
      if (e.exchangeId !== null && exchangeIds.has(e.exchangeId)) continue
      rows.push({ exchange: null, capture: e })
    }
  }
  return rows
}
