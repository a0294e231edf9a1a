import type { CapacityRun, Capture, Exchange, HistoryEntry } from './schemas'

/** The entries of one timeline row: a dispatch, a capture, or a dispatch and the capture it made. */
export interface TimelineRowEntries {
  exchange: Exchange | null
  capture: Capture | null
  /**
   * For an exchange a capacity run kept: the run's id, and on its first exchange (or alone, when
   * it kept none) the run's report without its exchanges, so that a HAR file reads back as one run.
   */
  capacityRun?: { id: string; head: CapacityRun | null }
}

/** The rows a capacity run exports as: one per exchange it kept, its report on the first. */
export function capacityRows(run: CapacityRun): TimelineRowEntries[] {
  const head: CapacityRun = { ...run, exchanges: [] }
  if (run.exchanges.length === 0) {
    return [{ exchange: null, capture: null, capacityRun: { id: run.id, head } }]
  }
  return run.exchanges.map((exchange, i) => ({
    exchange,
    capture: null,
    capacityRun: { id: run.id, head: i === 0 ? head : null }
  }))
}

/**
 * History entries grouped as the timeline shows them, in the order of their first entry: an
 * exchange and the capture linked to it (by either side's id) are one row; a capacity run's
 * exchanges stay marked as its own.
 */
export function timelineRows(entries: readonly HistoryEntry[]): TimelineRowEntries[] {
  const captures = new Map<string, Capture>()
  for (const e of entries) if (e.type === 'capture') captures.set(e.id, e)
  const exchangeIds = new Set(entries.filter((e) => e.type === 'exchange').map((e) => e.id))
  const paired = new Set<string>()
  const rows: TimelineRowEntries[] = []
  for (const e of entries) {
    if (e.type === 'capacity') {
      rows.push(...capacityRows(e))
    } else if (e.type === 'exchange') {
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
