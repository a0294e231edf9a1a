import { STATUS_CODES, validateHeaderName, validateHeaderValue } from 'node:http'
import { FAULT_TABLE } from '@shared/faults'
import type { Fault } from '@shared/schemas'
import type { ResolvedAnswer } from './resolve-behavior'

/** An answer ready for the wire. */
export interface Answer {
  status: number
  /** Flat [name, value, name, value, …] as Node's writeHead takes them; Content-Length included. */
  headers: string[]
  body: Buffer
  delayMs: number
  fault: Fault
  /** Close the connection after answering instead of reading the rest of the request. */
  closeConnection: boolean
}

const EMPTY = Buffer.alloc(0)
const JSON_TYPE = 'application/json; charset=utf-8'

/** Statuses that never carry a body, so they get neither a body nor a Content-Length. */
function statusHasBody(status: number): boolean {
  return status >= 200 && status !== 204 && status !== 304
}

/** Headers the receiver computes itself from the body, whatever the behaviour lists. */
function isFramingHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return lower === 'content-length' || lower === 'transfer-encoding'
}

interface Wire {
  /** The body text the bytes were made from; null for a status without a body. */
  text: string | null
  headers: string[]
  body: Buffer
}

/**
 * Wire headers and body bytes per behaviour header list. Behaviour objects are replaced, never
 * mutated, so a header list seen again with the same body text gives the same bytes: the receiver
 * then skips re-encoding and re-validating them on every request.
 */
const wireCache = new WeakMap<ResolvedAnswer['headers'], Wire>()

function wireOf(list: ResolvedAnswer['headers'], text: string | null): Wire | string {
  const cached = wireCache.get(list)
  if (cached !== undefined && cached.text === text) return cached
  const body = text === null ? EMPTY : Buffer.from(text, 'utf8')
  const headers: string[] = []
  for (const [name, value] of list) {
    if (isFramingHeader(name)) continue
    try {
      validateHeaderName(name)
      validateHeaderValue(name, value)
    } catch {
      return `The behaviour's response header "${name}" cannot be sent: its name or value has characters HTTP does not allow.`
    }
    headers.push(name, value)
  }
  if (text !== null) headers.push('Content-Length', String(body.length))
  const wire = { text, headers, body }
  wireCache.set(list, wire)
  return wire
}

/**
 * Turns a resolved behaviour into wire headers and body bytes. Header names and values are
 * checked here, before the capture is recorded, so that the answer recorded is the answer sent;
 * a header Node would refuse makes it a 500 that says which header is wrong.
 */
export function prepareAnswer(resolved: ResolvedAnswer): Answer {
  const hasBody = statusHasBody(resolved.status)
  const wire = wireOf(resolved.headers, hasBody ? resolved.body : null)
  if (typeof wire === 'string') return internalErrorAnswer(wire)
  const { headers, body } = wire
  return {
    status: resolved.status,
    headers,
    body,
    delayMs: resolved.delayMs,
    fault: resolved.fault,
    closeConnection: false
  }
}

function jsonAnswer(
  status: number,
  payload: Record<string, string>,
  extraHeaders: string[] = [],
  closeConnection = false
): Answer {
  const body = Buffer.from(JSON.stringify(payload), 'utf8')
  return {
    status,
    headers: ['Content-Type', JSON_TYPE, ...extraHeaders, 'Content-Length', String(body.length)],
    body,
    delayMs: 0,
    fault: 'none',
    closeConnection
  }
}

/** The answer to credentials that do not match the expected ones (no delay, no fault). */
export function unauthorizedAnswer(): Answer {
  return jsonAnswer(
    401,
    {
      error: 'Unauthorized',
      message: 'The Authorization header does not carry the expected Basic credentials.'
    },
    ['WWW-Authenticate', 'Basic realm="hook-inspector"']
  )
}

/**
 * The answer to a body over the limit. The connection is closed afterwards so the client cannot
 * keep streaming an unbounded body into the receiver.
 */
export function payloadTooLargeAnswer(limitBytes: number): Answer {
  return jsonAnswer(
    413,
    {
      error: 'Payload Too Large',
      message: `The request body is larger than the receiver's limit of ${limitBytes} bytes.`
    },
    ['Connection', 'close'],
    true
  )
}

/**
 * The answer to a request HTTP/1.1 itself forbids (e.g. without a Host header, which a server
 * must refuse: RFC 9112 §3.2). The connection is closed afterwards, as Node would.
 */
export function badRequestAnswer(message: string): Answer {
  return refusalAnswer(400, message)
}

/**
 * A refusal of a request the receiver cannot read on (e.g. a body whose framing Node's parser
 * refused): the status and a message naming why, and the connection closed after it.
 */
export function refusalAnswer(status: number, message: string): Answer {
  const error = STATUS_CODES[status] ?? 'Bad Request'
  return jsonAnswer(status, { error, message }, ['Connection', 'close'], true)
}

/**
 * The answer when the receiver itself failed; the message names what went wrong. When the rest of
 * the request was left unread (over the limit), the connection is closed as for a 413.
 */
export function internalErrorAnswer(message: string, closeConnection = false): Answer {
  const extra = closeConnection ? ['Connection', 'close'] : []
  return jsonAnswer(500, { error: 'Internal Server Error', message }, extra, closeConnection)
}

/** The status a capture records: 0 when the fault sends no answer (a hang, drop or reset). */
export function recordedStatus(answer: Answer): number {
  return FAULT_TABLE[answer.fault].answers ? answer.status : 0
}

/** The answer when forwarding found no answer to pass on (target down, timed out, refused). */
export function badGatewayAnswer(message: string): Answer {
  return jsonAnswer(502, { error: 'Bad Gateway', message })
}
