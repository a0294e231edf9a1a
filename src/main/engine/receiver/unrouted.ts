import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Behavior, Capture } from '@shared/schemas'
import { refusalBytes, refusedRequestCapture } from './client-error'
import { endSoon } from './connections'
import { authInfo, headerPairs } from './inspect-request'
import type { RequestHead } from './request-head'

export interface UnroutedContext {
  getBehavior: () => Behavior
  onCapture: (capture: Capture) => Promise<void> | void
}

const CONNECT_REFUSED =
  'The receiver is not a proxy and opens no tunnels: CONNECT is not supported.'

function headOf(req: IncomingMessage): RequestHead {
  return {
    method: req.method ?? '',
    target: req.url ?? null,
    httpVersion: req.httpVersion,
    headers: headerPairs(req.rawHeaders)
  }
}

/** The capture of a request Node hands over outside the router, with its credentials checked. */
function unroutedCapture(ctx: UnroutedContext, req: IncomingMessage, status: number): Capture {
  let expected: Behavior['expectedAuth'] = null
  try {
    expected = ctx.getBehavior().expectedAuth
  } catch {
    // The behaviour cannot be read: the credentials are shown unchecked.
  }
  const capture = refusedRequestCapture(headOf(req), req.socket, status)
  return { ...capture, auth: authInfo(req, expected) }
}

/** Records first, then answers, whether or not the record could be written: it is a refusal. */
function recordThen(ctx: UnroutedContext, capture: Capture, answer: () => void): void {
  Promise.resolve()
    .then(() => ctx.onCapture(capture))
    .then(answer, answer)
    // Answering failed too (the socket is gone): nothing is left to tell the caller.
    .catch(() => undefined)
}

/**
 * For Node's 'checkExpectation': a request whose Expect is not 100-continue. Node would answer it
 * 417 itself, unrecorded; here it is recorded (method, path, headers; its body is not read) and
 * answered 417 with the reason, closing the connection.
 */
export function createExpectationHandler(
  ctx: UnroutedContext
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const expectation = req.headers.expect ?? ''
    const capture = unroutedCapture(ctx, req, 417)
    recordThen(ctx, capture, () => {
      if (res.destroyed) return
      const message = `The request expects "${expectation}", which the receiver does not meet (it meets only "100-continue").`
      const body = JSON.stringify({ error: 'Expectation Failed', message })
      res.writeHead(417, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        Connection: 'close'
      })
      res.end(body)
      // What the caller sends after its head is read and dropped, so closing does not reset it.
      req.resume()
    })
  }
}

/**
 * For Node's 'connect': a CONNECT request, which Node would drop without a word. It is recorded
 * (its target as the path, its headers) and refused 405, and the connection closed.
 * Threat: a caller probing for an open proxy; no tunnel is ever opened and the bytes it sends
 * after its head are dropped.
 */
export function createConnectHandler(
  ctx: UnroutedContext
): (req: IncomingMessage, socket: Socket) => void {
  return (req, socket) => {
    socket.on('error', () => socket.destroy())
    const capture = unroutedCapture(ctx, req, 405)
    recordThen(ctx, capture, () =>
      endSoon(socket, refusalBytes({ status: 405, message: CONNECT_REFUSED }))
    )
  }
}
