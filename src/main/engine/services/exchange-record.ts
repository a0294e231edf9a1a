import { utf8Length } from '@shared/bytes'
import { exchangeRecord } from '@shared/exchange-record'
import type { Exchange, WireRequest } from '@shared/schemas'
import { dispatchTargetOf } from '../dispatch/target'
import type { DispatchOptions, DispatchResult, SendSpec } from '../ports'

/** The request shown for a URL that cannot be called: nothing went on the wire. */
export function unsentRequest(url: string, body: string): WireRequest {
  return { method: 'POST', url, headers: [], body, bodySize: utf8Length(body) }
}

/**
 * The exchange of a send as it starts (pending, no outcome yet), whoever sends (see
 * ExchangesService.send); the record itself is built by `exchangeRecord` in shared.
 */
export function startedExchange(id: string, spec: SendSpec, request: WireRequest): Exchange {
  const { hook } = spec
  return exchangeRecord({
    id,
    state: 'pending',
    hookId: hook.id,
    hookName: hook.name,
    event: spec.event,
    request,
    timeoutMs: dispatchTargetOf(hook).timeoutMs,
    replayOf: spec.replayOf,
    origin: spec.origin,
    forwardOf: spec.forwardOf ?? undefined,
    probe: spec.probe
  })
}

/** The started exchange with the dispatch's outcome, and the capture it was linked to. */
export function doneExchange(
  started: Exchange,
  result: DispatchResult,
  captureId: string | null
): Exchange {
  return {
    ...started,
    state: 'done',
    request: result.request,
    response: result.response,
    error: result.error,
    timings: result.timings,
    captureId
  }
}

/** What the dispatcher is asked to send for a spec: its hook's target, body and wire options. */
export function dispatchOptions(
  spec: SendSpec,
  userAgent: string,
  signal: AbortSignal | undefined
): DispatchOptions {
  const { hook } = spec
  return {
    target: dispatchTargetOf(hook),
    body: spec.body,
    userAgent,
    wire: spec.wire,
    ...(signal === undefined ? {} : { signal }),
    ...(spec.responseBodyCap === undefined ? {} : { responseBodyCap: spec.responseBodyCap })
  }
}
