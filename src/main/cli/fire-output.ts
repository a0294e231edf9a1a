import type { Exchange } from '@shared/schemas'
import { isSecretHeader, REDACTED } from '@shared/snippets'
import type { HookEvent } from '@shared/trialkit'
import { bodyStart } from '../engine'
import { escapeForTerminal } from './terminal-text'

/** What a fire produced: the exchange's request, response, error and timings. */
type FireResult = Pick<Exchange, 'request' | 'response' | 'error' | 'timings'>

/** The one JSON document `fire --json` prints; scripts depend on its shape. */
export interface FireReport {
  ok: boolean
  event: HookEvent
  request: { method: string; url: string; headers: [string, string][]; body: string }
  response: {
    status: number
    statusText: string
    headers: [string, string][]
    /** The kept bytes as UTF-8 text (invalid sequences replaced). */
    body: string
    bodySize: number
    truncated: boolean
  } | null
  error: { kind: string; message: string } | null
  timings: { connectMs: number | null; firstByteMs: number | null; totalMs: number }
  timeoutMs: number
}

/**
 * Secret header values as `Basic [redacted]`: the scheme stays, so a script still sees how the
 * call authenticated. Threat: stdout goes to terminals, CI logs and support tickets, and base64
 * of "email:password" is the password in clear.
 */
export function redactSecretHeaders(
  headers: readonly (readonly [string, string])[]
): [string, string][] {
  return headers.map(([name, value]) => {
    if (!isSecretHeader(name)) return [name, value]
    const scheme = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*) /.exec(value)?.[1]
    const keepScheme = /authorization$/i.test(name) && scheme !== undefined
    return [name, keepScheme ? `${scheme} ${REDACTED}` : REDACTED]
  })
}

/**
 * Shapes a dispatch result for scripts: plain text bodies instead of base64, and secret header
 * values redacted unless `showSecrets` (the --show-secrets flag).
 */
export function fireReport(
  event: HookEvent,
  result: FireResult,
  timeoutMs: number,
  showSecrets = false
): FireReport {
  const { request, response, error, timings } = result
  return {
    ok: error === null,
    event,
    request: {
      method: request.method,
      url: request.url,
      headers: showSecrets ? request.headers : redactSecretHeaders(request.headers),
      body: request.body
    },
    response:
      response === null
        ? null
        : {
            status: response.status,
            statusText: response.statusText,
            headers: showSecrets ? response.headers : redactSecretHeaders(response.headers),
            body: Buffer.from(response.bodyBase64, 'base64').toString('utf8'),
            bodySize: response.bodySize,
            truncated: response.truncated
          },
    error: error === null ? null : { kind: error.kind, message: error.message },
    timings,
    timeoutMs
  }
}

/** "→ POST URL (insert, N bytes)": printed before the call, so a long wait has context. */
export function requestLine(url: string, event: HookEvent, bodySize: number): string {
  return `→ POST ${url} (${event}, ${bodySize} bytes)`
}

/** "← 200 OK in 12.3 ms", or null when no response arrived. */
export function responseLine(result: FireResult): string | null {
  const { response, timings, error } = result
  if (response === null) return null
  const text = response.statusText === '' ? '' : ` ${response.statusText}`
  // A response whose body was cut off (timeout, reset) is not a complete answer.
  const incomplete = error !== null && error.kind !== 'http-status' ? ' (incomplete)' : ''
  return `← ${response.status}${text} in ${timings.totalMs.toFixed(1)} ms${incomplete}`
}

/**
 * "  body: {"error":"…"}": the start of the answer's body (decoded, one line, ~120 characters),
 * where an endpoint says why it refused; escaped, since the endpoint chose the bytes.
 */
export function bodyLine(result: FireResult): string | null {
  if (result.response === null) return null
  const start = bodyStart(result)
  return start === null ? null : `  body: ${escapeForTerminal(start)}`
}

/** What the TrialKit user sees, in the form scripts grep for. */
export function protocolErrorLine(error: { kind: string; message: string }): string {
  return `ProtocolError (${error.kind}): ${error.message}`
}
