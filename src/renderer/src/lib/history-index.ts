import type { CapacityRun, Capture, Exchange, HistoryEntry } from '@shared/schemas'

/**
 * One timeline row: an exchange, a capture, or both when the dispatcher's call landed here; or a
 * whole capacity check (its exchanges stay in its report).
 */
export interface TimelineRow {
  id: string
  exchange: Exchange | null
  capture: Capture | null
  capacity?: CapacityRun | null
}

/**
 * The timeline's index, built for 50,000 entries: rows by id, which row holds each entry, and the
 * row order newest first. The maps are updated in place (copying them per batch would cost more
 * than the batch); a changed row is a new object and every change makes a new `order` array and
 * `revision`, which is what components select on.
 */
export interface HistoryIndex {
  rows: Map<string, TimelineRow>
  rowOf: Map<string, string>
  /** Entry id → the row it joins when it arrives (the other side of a link came first). */
  pendingLink: Map<string, string>
  order: string[]
  revision: number
}

export const MAX_TIMELINE_ROWS = 50_000

export function emptyHistory(): HistoryIndex {
  return { rows: new Map(), rowOf: new Map(), pendingLink: new Map(), order: [], revision: 0 }
}

/** Time of a row, for display and sorting: when the exchange started, else when it arrived. */
export function rowTime(row: TimelineRow): string {
  return row.exchange?.startedAt ?? row.capture?.receivedAt ?? row.capacity?.startedAt ?? ''
}

/**
 * Applies entries in arrival order (oldest first). An exchange and its capture (linked by
 * exchange.captureId or capture.exchangeId) end up in one row whichever arrives first.
 */
export function applyEntries(
  index: HistoryIndex,
  entries: readonly HistoryEntry[],
  maxRows = MAX_TIMELINE_ROWS
): HistoryIndex {
  return applyAt(index, entries, maxRows, 'top')
}

/**
 * Adds a page of older history (newest first, as listHistory pages it) below the loaded rows.
 * An entry already loaded is skipped: what is loaded, live events included, is at least as new.
 */
export function appendOlderEntries(
  index: HistoryIndex,
  page: readonly HistoryEntry[],
  maxRows = MAX_TIMELINE_ROWS
): HistoryIndex {
  const older = page.filter((entry) => !index.rowOf.has(entry.id)).reverse()
  return applyAt(index, older, maxRows, 'bottom')
}

/** Whether `later` is `earlier` with entries added, not a history cleared since. */
export function sameHistory(earlier: HistoryIndex, later: HistoryIndex): boolean {
  return earlier.rows === later.rows
}

/** Entries oldest first; rows they start go above the loaded ones ('top') or below ('bottom'). */
function applyAt(
  index: HistoryIndex,
  entries: readonly HistoryEntry[],
  maxRows: number,
  at: 'top' | 'bottom'
): HistoryIndex {
  if (entries.length === 0) return index
  const { rows, rowOf, pendingLink } = index
  const added: string[] = []
  const removed = new Set<string>()

  const put = (row: TimelineRow): void => {
    rows.set(row.id, row)
  }

  /** Moves the entries of row `fromId` into row `intoId` and drops `fromId`. */
  const mergeInto = (intoId: string, fromId: string): void => {
    if (intoId === fromId) return
    const from = rows.get(fromId)
    const into = rows.get(intoId)
    if (!from || !into) return
    const merged: TimelineRow = {
      id: intoId,
      exchange: into.exchange ?? from.exchange,
      capture: into.capture ?? from.capture
    }
    put(merged)
    if (from.exchange) rowOf.set(from.exchange.id, intoId)
    if (from.capture) rowOf.set(from.capture.id, intoId)
    rows.delete(fromId)
    removed.add(fromId)
  }

  for (const entry of entries) {
    if (entry.type === 'capacity') {
      if (!rows.has(entry.id)) added.push(entry.id)
      put({ id: entry.id, exchange: null, capture: null, capacity: entry })
      rowOf.set(entry.id, entry.id)
      continue
    }
    const otherId = entry.type === 'exchange' ? entry.captureId : entry.exchangeId
    let rowId = rowOf.get(entry.id) ?? pendingLink.get(entry.id)
    if (rowId !== undefined && !rows.has(rowId)) rowId = undefined
    pendingLink.delete(entry.id)
    if (rowId === undefined) {
      rowId = entry.id
      put({ id: rowId, exchange: null, capture: null })
      added.push(rowId)
    }
    const current = rows.get(rowId)!
    put(
      entry.type === 'exchange'
        ? { ...current, exchange: entry }
        : { ...current, capture: entry as Capture }
    )
    rowOf.set(entry.id, rowId)
    if (otherId) {
      const otherRow = rowOf.get(otherId)
      // The exchange's row survives: it started before its capture arrived.
      if (otherRow !== undefined) {
        if (entry.type === 'exchange') mergeInto(rowId, otherRow)
        else mergeInto(otherRow, rowId)
      } else pendingLink.set(otherId, rowId)
    }
  }

  let order = index.order
  if (removed.size > 0) order = order.filter((id) => !removed.has(id))
  const fresh = added.filter((id) => !removed.has(id)).reverse()
  if (fresh.length === 0) order = removed.size > 0 ? order : [...order]
  else order = at === 'top' ? [...fresh, ...order] : [...order, ...fresh]
  if (order.length > maxRows) {
    for (const id of order.slice(maxRows)) {
      const row = rows.get(id)
      if (row?.exchange) rowOf.delete(row.exchange.id)
      if (row?.capture) rowOf.delete(row.capture.id)
      rows.delete(id)
    }
    order = order.slice(0, maxRows)
  }
  return { rows, rowOf, pendingLink, order, revision: index.revision + 1 }
}
