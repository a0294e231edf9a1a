import { newId } from './ids'
import type { Exchange } from './schemas'

/** What an exchange record must be given; every other field has its usual starting value. */
export type ExchangeFields = Pick<Exchange, 'hookName' | 'event' | 'request' | 'timeoutMs'> &
  Partial<Exchange>

/**
 * An exchange record, built in one place for every maker (the engine's sender, a HAR import): a
 * new id, finished, started now, no hook, no answer yet, no link; the given fields over those.
 * Keys keep the order the history file has always had.
 */
export function exchangeRecord(fields: ExchangeFields): Exchange {
  const {
    id,
    state,
    startedAt,
    hookId,
    hookName,
    event,
    request,
    response,
    error,
    timings,
    timeoutMs,
    captureId,
    replayOf,
    ...rest
  } = fields
  const optional = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined))
  return {
    type: 'exchange',
    id: id ?? newId('exc'),
    state: state ?? 'done',
    startedAt: startedAt ?? new Date().toISOString(),
    hookId: hookId ?? null,
    hookName,
    event,
    request,
    response: response ?? null,
    error: error ?? null,
    timings: timings ?? { connectMs: null, firstByteMs: null, totalMs: 0 },
    timeoutMs,
    captureId: captureId ?? null,
    replayOf: replayOf ?? null,
    ...optional
  }
}
