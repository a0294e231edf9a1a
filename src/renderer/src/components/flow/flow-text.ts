import { decodeAuthorization } from '@shared/basic-auth'
import type { Capture, Exchange, ExchangeErrorKind } from '@shared/schemas'
import { formatClock, formatMs } from '@renderer/lib/format'

/** What the diagram calls the TrialKit event on the wire. */
export const EVENT_FLAGS = { insert: 'OnInsert', update: 'OnUpdate', review: 'OnReview' } as const

/** "127.0.0.1:4700" from a URL, or the text itself when it is not one. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

/** "/hook?study=7" from a URL. */
export function pathOf(url: string): string {
  try {
    const u = new URL(url)
    return `${u.pathname}${u.search}`
  } catch {
    return url
  }
}

/** trans_id of a body, when it is TrialKit JSON with one. */
export function transIdOf(body: unknown): string | null {
  if (body && typeof body === 'object' && 'trans_id' in body) {
    const id = (body as { trans_id: unknown }).trans_id
    return typeof id === 'string' || typeof id === 'number' ? String(id) : null
  }
  return null
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** The Basic-auth user of a header list, "no credentials" or "not Basic". */
export function authUserOf(headers: readonly (readonly [string, string])[]): string {
  const header = headers.find(([n]) => n.toLowerCase() === 'authorization')
  if (!header) return 'no credentials'
  const decoded = decodeAuthorization(header[1])
  if (decoded.scheme.toLowerCase() !== 'basic') return `${decoded.scheme} auth`
  return decoded.email ? `Basic ${decoded.email}` : 'Basic (undecodable)'
}

/** "OnInsert · trans_id 436 · Basic ann@site.org": what the request carries, in one line. */
export function requestSummary(exchange: Exchange): string {
  const parts: string[] = [EVENT_FLAGS[exchange.event]]
  const id = transIdOf(parse(exchange.request.body))
  if (id !== null) parts.push(`trans_id ${id}`)
  parts.push(authUserOf(exchange.request.headers))
  return parts.join(' · ')
}

/** The same line for a capture from an unknown caller. */
export function captureSummary(capture: Capture): string {
  const parts: string[] = [capture.event ? EVENT_FLAGS[capture.event] : 'not a TrialKit event']
  const id = transIdOf(capture.json)
  if (id !== null) parts.push(`trans_id ${id}`)
  if (!capture.auth) parts.push('no credentials')
  else if (capture.auth.scheme.toLowerCase() !== 'basic') parts.push(`${capture.auth.scheme} auth`)
  else {
    const match =
      capture.auth.matchesExpected === null ? '' : capture.auth.matchesExpected ? ' ✓' : ' ✗'
    parts.push(`Basic ${capture.auth.email ?? '(undecodable)'}${match}`)
  }
  return parts.join(' · ')
}

/** How the diagram names each ProtocolError kind next to the ✕. */
export const FAULT_LABELS: Record<ExchangeErrorKind, string> = {
  timeout: 'timeout',
  'connection-refused': 'connection refused',
  'connection-reset': 'connection reset',
  dns: 'host not found (DNS)',
  tls: 'TLS handshake failed',
  'http-status': 'error status',
  'invalid-url': 'URL not valid',
  aborted: 'aborted'
}

/** "ProtocolError (timeout)" or "Record saved": the user's side in two words. */
export function outcomeText(exchange: Exchange): string {
  if (exchange.error === null) return 'Record saved'
  if (exchange.error.kind === 'aborted') return 'Aborted in Hook Inspector (not a TrialKit outcome)'
  return `ProtocolError (${exchange.error.kind})`
}

/** Shortens an engine message to what fits beside an arrow. */
export function shortMessage(message: string, max = 60): string {
  const line = message.split('\n')[0] ?? ''
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

/** "at 2.00 s" */
export const at = (ms: number): string => `at ${formatMs(ms)}`

/** "10:11:12.345" of an ISO time, for the replay banner. */
export const clockOf = (iso: string): string => formatClock(iso)
