import { protocolKindOfKey } from '@shared/capacity'
import { captureOutcome } from '@shared/capture-outcome'
import { base64ToBytes, isProbablyText, utf8Decode } from '@shared/bytes'
import { originMatches, type RowOrigin } from '@shared/row-origin'
import type { ExchangeErrorKind } from '@shared/schemas'
import { sentEmailOf } from '@shared/sent-email'
import { formatDateTime } from './format'
import { rowTime, type TimelineRow } from './history-index'

export type EventFilter = 'all' | 'insert' | 'update' | 'review' | 'other'
export type OutcomeFilter = 'all' | 'ok' | 'error' | 'pending'
export type KindFilter = 'all' | ExchangeErrorKind
export type OriginFilter = 'all' | RowOrigin

export interface TimelineFilters {
  event: EventFilter
  outcome: OutcomeFilter
  kind: KindFilter
  origin: OriginFilter
  text: string
}

export const NO_FILTERS: TimelineFilters = {
  event: 'all',
  outcome: 'all',
  kind: 'all',
  origin: 'all',
  text: ''
}

export type RowOutcome = 'ok' | 'error' | 'pending'

/**
 * A row's outcome as the TrialKit user would judge it: the exchange decides when there is one;
 * a capture on its own is ok when a 2xx went out whole.
 */
export function rowOutcome(row: TimelineRow): RowOutcome {
  if (row.capacity) return row.capacity.steps.some((s) => s.protocolErrors > 0) ? 'error' : 'ok'
  if (row.exchange) {
    if (row.exchange.state === 'pending') return 'pending'
    return row.exchange.error ? 'error' : 'ok'
  }
  if (!row.capture) return 'ok'
  return captureOutcome(row.capture).answered2xx ? 'ok' : 'error'
}

export function rowEvent(row: TimelineRow): Exclude<EventFilter, 'all'> {
  return row.exchange?.event ?? row.capture?.event ?? row.capacity?.event ?? 'other'
}

const SEARCH_BODY_LIMIT = 64 * 1024
const searchCache = new WeakMap<TimelineRow, string>()

function base64Text(b64: string): string {
  const bytes = base64ToBytes(b64)
  if (!bytes || bytes.length > SEARCH_BODY_LIMIT || !isProbablyText(bytes)) return ''
  return utf8Decode(bytes)
}

/** Everything the search box looks in, lower-cased once per row version. */
export function searchText(row: TimelineRow): string {
  const cached = searchCache.get(row)
  if (cached !== undefined) return cached
  // The time as the row shows it (local clock, and with the date), since customers report times.
  const shown = rowTime(row)
  const parts: string[] = [row.id, formatDateTime(shown)]
  const ex = row.exchange
  if (ex) {
    parts.push(ex.id, ex.request.url, ex.hookName, ex.error?.message ?? '', ex.error?.kind ?? '')
    parts.push(sentEmailOf(ex) ?? '')
    if (ex.request.body.length <= SEARCH_BODY_LIMIT) parts.push(ex.request.body)
    if (ex.response) parts.push(String(ex.response.status), base64Text(ex.response.bodyBase64))
  }
  const run = row.capacity
  if (run)
    parts.push(
      'capacity',
      run.id,
      run.url,
      run.summary,
      ...run.steps.flatMap((s) => Object.keys(s.byKind))
    )
  const cap = row.capture
  if (cap) {
    parts.push(cap.id, cap.method, cap.path, cap.auth?.email ?? '', base64Text(cap.bodyBase64))
  }
  const text = parts.join('\n').toLowerCase()
  searchCache.set(row, text)
  return text
}

/** Whether a capacity check's requests ended in this ProtocolError kind. */
function capacityHas(row: TimelineRow, kind: ExchangeErrorKind): boolean {
  return (
    row.capacity?.steps.some((s) =>
      Object.entries(s.byKind).some(([key, n]) => n > 0 && protocolKindOfKey(key) === kind)
    ) === true
  )
}

/** Whether a row passes the timeline's filters. */
export function rowMatches(row: TimelineRow, f: TimelineFilters): boolean {
  if (f.event !== 'all' && rowEvent(row) !== f.event) return false
  if (f.outcome !== 'all' && rowOutcome(row) !== f.outcome) return false
  if (f.kind !== 'all' && row.exchange?.error?.kind !== f.kind && !capacityHas(row, f.kind)) {
    return false
  }
  if (f.origin !== 'all' && !originMatches(row, f.origin)) return false
  const q = f.text.trim().toLowerCase()
  if (q !== '' && !searchText(row).includes(q)) return false
  return true
}
