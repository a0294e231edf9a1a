import { utf8Length } from '../../../shared/bytes'
import type { Exchange, WireRequest } from '../../../shared/schemas'
import type { DispatchOptions, DispatchResult, SendSpec } from '../ports'

/** The request shown for a URL that cannot be called: nothing went on the wire. */
export function unsentRequest(url: string, body: string): WireRequest {
  return { method: 'POST', url, headers: [], body, bodySize: utf8Length(body) }
}

/**
 * The exchange of a send as it starts (pending, no outcome yet): the one place an exchange
 * record is made, whoever sends (see ExchangesService.send).
 */
export function startedExchange(id: string, spec: SendSpec, request: WireRequest): Exchange {
  const { hook } = spec
  return {
    type: 'exchange',
    id,
    state: 'pending',
    startedAt: new Date().toISOString(),
    hookId: hook.id ?? null,
    hookName: hook.name,
    event: spec.event,
    request,
    response: null,
    error: null,
    timings: { connectMs: null, firstByteMs: null, totalMs: 0 },
    timeoutMs: hook.timeoutSeconds * 1000,
    captureId: null,
    replayOf: spec.replayOf ?? null,
    ...(spec.origin === undefined ? {} : { origin: spec.origin }),
    ...(spec.forwardOf === undefined || spec.forwardOf === null
      ? {}
      : { forwardOf: spec.forwardOf }),
    ...(spec.probe === undefined ? {} : { probe: spec.probe })
  }
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
    target: {
      url: hook.url,
      email: hook.email,
      password: hook.password,
      timeoutMs: hook.timeoutSeconds * 1000,
      insecureTls: hook.insecureTls
    },
    body: spec.body,
    userAgent,
    wire: spec.wire,
    ...(signal === undefined ? {} : { signal }),
    ...(spec.responseBodyCap === undefined ? {} : { responseBodyCap: spec.responseBodyCap })
  }
}
