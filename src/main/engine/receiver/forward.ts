import type { IncomingMessage } from 'node:http'
import type { Capture } from '@shared/schemas'
import type { ForwardRequest, ForwardResult } from '../ports'
import { badGatewayAnswer, type Answer } from './answers'
import { forwardUrl } from './forward-path'
import type { BodyRead } from './read-body'

/** Headers that belong to one connection, not to the request: never passed on (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length'
])

function endToEnd(pairs: readonly [string, string][]): [string, string][] {
  return pairs.filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase()))
}

/** The request to send on, from what arrived. */
export function forwardRequestOf(
  req: IncomingMessage,
  body: BodyRead,
  capture: Capture,
  forwardTo: string
): ForwardRequest | string {
  if (body.truncated) {
    return `The request body (${body.size} bytes) is larger than what the receiver keeps, so it was not forwarded.`
  }
  const target = req.url ?? '/'
  const q = target.indexOf('?')
  const path = q === -1 ? target : target.slice(0, q)
  const search = q === -1 ? '' : target.slice(q)
  const where = forwardUrl(forwardTo, path, search)
  if (!where.ok) return where.message
  return {
    captureId: capture.id,
    event: capture.event,
    url: where.url,
    method: req.method ?? 'POST',
    headers: endToEnd(capture.headers),
    // The bytes as they came: a binary (e.g. gzip) body must not be re-encoded as text.
    body: body.kept
  }
}

/**
 * The caller's answer from the target's: its status, end-to-end headers and body, with the
 * behaviour's delay and fault still on top. No answer from the target is a 502 saying why.
 */
export function forwardedAnswer(result: ForwardResult, behaviorAnswer: Answer): Answer {
  if (result.response === null) {
    const answer = badGatewayAnswer(result.error ?? 'The forwarding target gave no answer.')
    return { ...answer, delayMs: behaviorAnswer.delayMs, fault: behaviorAnswer.fault }
  }
  const { status, body } = result.response
  const headers: string[] = []
  for (const [name, value] of endToEnd(result.response.headers)) headers.push(name, value)
  const hasBody = status >= 200 && status !== 204 && status !== 304
  if (hasBody) headers.push('Content-Length', String(body.length))
  return {
    status,
    headers,
    body: hasBody ? body : Buffer.alloc(0),
    delayMs: behaviorAnswer.delayMs,
    fault: behaviorAnswer.fault,
    closeConnection: false
  }
}
