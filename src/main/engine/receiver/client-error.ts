import { maxHeaderSize, STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { newId } from '@shared/ids'
import type { Capture } from '@shared/schemas'
import { isoTime } from './clock'
import { endSoon, type ConnectionTracker } from './connections'
import { splitTarget } from './inspect-request'
import { refuseBody, type BodyRefusal } from './read-body'
import { parseRequestHead, type RequestHead, type RequestHeads } from './request-head'

/** What Node's HTTP parser (or its timeouts) reports when a request cannot be read at all. */
export interface ClientError extends Error {
  code?: string
  /** The bytes the parser was working on when it failed (a Buffer, for parse errors only). */
  rawPacket?: unknown
}

export interface ClientErrorContext {
  onCapture: (capture: Capture) => Promise<void> | void
  headersTimeoutMs: number
  tracker: ConnectionTracker
}

type Refusal = BodyRefusal

/** The refusal for a parser or timeout error, as the status a client would expect. */
export function refusalFor(error: ClientError, headersTimeoutMs: number): Refusal {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        message: `The request headers are larger than the receiver accepts (${maxHeaderSize} bytes in total).`
      }
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        message: `The request did not arrive in time (its headers must arrive within ${headersTimeoutMs} ms).`
      }
    default: {
      const reason = error.message.replace(/^Parse Error: /, '')
      return {
        status: 400,
        message: `The request is not valid HTTP/1.1: ${reason}${error.code ? ` (${error.code})` : ''}.`
      }
    }
  }
}

/**
 * The refusal for a parser error in the body of a request whose headers were fine: its chunk
 * framing, a chunk extension, or its trailer fields (which count against the header limit).
 */
export function bodyRefusalFor(error: ClientError): Refusal {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      message: `The request's trailer fields are larger than the receiver accepts (${maxHeaderSize} bytes in total, headers included).`
    }
  }
  return refusalFor(error, 0)
}

/**
 * A capture of a request answered before any handler saw it, with what was read of its head:
 * method, path, query, version and header lines as far as they arrived; no body.
 */
export function refusedRequestCapture(head: RequestHead, socket: Socket, status: number): Capture {
  const { path, query } = head.target === null ? { path: '', query: {} } : splitTarget(head.target)
  return {
    type: 'capture',
    id: newId('cap'),
    receivedAt: isoTime(Date.now()),
    method: head.method,
    path,
    query,
    httpVersion: head.httpVersion,
    headers: head.headers,
    bodyBase64: '',
    bodySize: 0,
    truncated: false,
    json: null,
    jsonError: null,
    auth: null,
    event: null,
    response: { status, delayMs: 0, fault: 'none' },
    remoteAddress: socket.remoteAddress ?? '',
    remotePort: socket.remotePort ?? 0,
    exchangeId: null
  }
}

/**
 * What was read of the failed request's head: the bytes kept for the connection and, for a parse
 * error, the chunk the parser failed on (not kept yet: the parser reads a chunk first). Taken at
 * once, before more of the chunk is kept.
 */
function failedHead(error: ClientError, socket: Socket, heads: RequestHeads): RequestHead {
  const kept = heads.bytesOf(socket)
  const failing = Buffer.isBuffer(error.rawPacket) ? error.rawPacket : Buffer.alloc(0)
  const head = parseRequestHead(Buffer.concat([kept, failing]))
  if (head.method !== '' || kept.length === 0) return head
  // Kept bytes before a chunk that starts a request anew (a parse error after a complete one).
  return parseRequestHead(failing)
}

/** An answer written straight to the socket: the status, and a JSON body saying why. */
export function refusalBytes(refusal: Refusal): Buffer {
  const reason = STATUS_CODES[refusal.status] ?? 'Bad Request'
  const body = JSON.stringify({ error: reason, message: refusal.message })
  const head =
    `HTTP/1.1 ${refusal.status} ${reason}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n'
  return Buffer.from(head + body, 'utf8')
}

/**
 * Answers requests Node's HTTP parser refuses before Fastify ever sees them: headers over the size
 * limit (431), headers that did not arrive in time (408), and bytes that are not HTTP (400). The
 * refusal is recorded as a capture (method, path and headers as far as they were read, an empty
 * body) before it is sent, like every other answer.
 * Threat: such a client may keep sending garbage or an endless header; nothing it sends is kept
 * (the parser is done with the connection), the connection is half-closed right after the answer
 * and destroyed after a short linger, and each connection is refused (and recorded) once, however
 * many errors follow on it.
 * When requests received earlier on the connection are still being answered, no refusal is
 * written in between: those answers go out first and the connection closes after them.
 */
export function createClientErrorHandler(
  ctx: ClientErrorContext
): (error: ClientError, socket: Socket) => void {
  const refused = new WeakSet<Socket>()
  return (error, socket) => {
    if (refused.has(socket)) return
    refused.add(socket)
    if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) {
      socket.destroy()
      return
    }
    if (ctx.tracker.hasRequestInFlight(socket)) {
      const receiving = ctx.tracker.receivingBodyOf(socket)
      // The client closing its side mid-body is the caller leaving, not a request to refuse.
      if (receiving && error.code?.startsWith('HPE_') && error.code !== 'HPE_INVALID_EOF_STATE') {
        // The parser refused the body of the request being handled (bad chunk size, unknown
        // Transfer-Encoding, an oversized chunk extension or trailer): that request is answered
        // with the refusal, recorded first like any answer, and the connection closed after it.
        // Nothing more is read until then; the parser is done with this connection.
        socket.pause()
        refuseBody(receiving, bodyRefusalFor(error))
      }
      // The body of the request being handled broke off: its handler sees it end, nothing to say.
      else if (receiving) socket.destroy()
      // Bytes after a complete request (after `Connection: close`, or not HTTP): the requests
      // received before them are still answered, in order, and then the connection is closed.
      else ctx.tracker.closeWhenIdle(socket)
      return
    }
    const refusal = refusalFor(error, ctx.headersTimeoutMs)
    const head = failedHead(error, socket, ctx.tracker.heads)
    // Nothing more is read until the refusal is out: a client that already half-closed would
    // otherwise make Node end the connection before the refusal (which waits for the journal).
    socket.pause()
    const send = (): void => endSoon(socket, refusalBytes(refusal))
    // The refusal is sent even when it could not be recorded: it is a refusal either way.
    Promise.resolve()
      .then(() => ctx.onCapture(refusedRequestCapture(head, socket, refusal.status)))
      .then(send, send)
  }
}
