import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import { assertNever } from '@shared/assert-never'
import { FAULT_TABLE } from '@shared/faults'
import type { Answer } from './answers'

/** A slow body is sent in pieces about this far apart. */
const TRICKLE_STEP_MS = 50
/** How long the rest of an over-limit body is read and thrown away before the socket closes. */
const LINGER_MS = 1000
/** …and at most this many bytes of it. */
const LINGER_MAX_BYTES = 8 * 1024 * 1024

/**
 * Puts an answer on the wire: waits the delay, then answers, hangs, drops or resets as the
 * answer's fault says. Every timer is cancelled when the connection closes, so a client that gives
 * up (or a receiver that closes) leaves nothing behind. `onLeft` is told when the connection
 * closed before the answer went out whole (the caller left during a hang, a delay or a slow body),
 * never for a drop or reset the receiver did itself.
 */
export function deliverAnswer(
  req: IncomingMessage,
  res: ServerResponse,
  answer: Answer,
  onLeft: () => void = () => undefined
): void {
  const socket = req.socket
  if (socket.destroyed || res.destroyed) return
  if (answer.closeConnection) {
    answerAndClose(req, socket, answer)
    return
  }
  // The receiver's own close or reset ends the response too: that is not the caller leaving.
  const instead = FAULT_TABLE[answer.fault].instead
  const acted = instead === 'close' || instead === 'reset' ? { done: false } : null
  let left = false
  const leave = (): void => {
    if (left || res.writableFinished || acted?.done) return
    left = true
    onLeft()
  }
  // A caller that gives up (TrialKit at its timeout) closes its side while the answer is held:
  // it has left, and the connection is ended rather than held half-open for nobody. A client that
  // half-closed right after its request (`nc -N`) did so before this point and still gets its
  // answer: the connection is allowed half-open for it.
  const onEnd = (): void => {
    // An answer already handed to the socket is on its way: the connection ends after it.
    if (res.writableEnded || acted?.done) return
    leave()
    socket.destroy()
  }
  if (!socket.readableEnded) socket.once('end', onEnd)
  res.once('close', () => {
    socket.off('end', onEnd)
    leave()
  })
  if (FAULT_TABLE[answer.fault].trickles) {
    // The delay is spent sending the body, not waiting before it.
    act(res, socket, answer, acted)
    return
  }
  if (answer.delayMs <= 0) {
    act(res, socket, answer, acted)
    return
  }
  const timer = setTimeout(() => act(res, socket, answer, acted), answer.delayMs)
  res.once('close', () => clearTimeout(timer))
}

/**
 * What each fault does on the wire, once its delay is over (a slow body spends its delay
 * trickling). Exhaustive: a fault added to `FAULTS` fails the typecheck here until it is handled.
 */
function act(
  res: ServerResponse,
  socket: Socket,
  answer: Answer,
  acted: { done: boolean } | null
): void {
  if (acted) acted.done = true
  const fault = answer.fault
  switch (fault) {
    case 'none':
      res.writeHead(answer.status, answer.headers)
      res.end(answer.body)
      return
    case 'slow-body':
      trickle(res, answer)
      return
    case 'hang':
      // Never answer; the connection stays open until the client gives up or the receiver closes.
      return
    case 'drop':
      socket.destroy()
      return
    case 'reset':
      socket.resetAndDestroy()
      return
    default:
      assertNever(fault, 'receiver fault')
  }
}

/** Headers now, then the body in even pieces so that the last byte leaves after the delay. */
function trickle(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, answer.headers)
  res.flushHeaders()
  const { body, delayMs } = answer
  if (delayMs <= 0 || body.length === 0) {
    res.end(body)
    return
  }
  const pieces = Math.max(1, Math.min(body.length, Math.ceil(delayMs / TRICKLE_STEP_MS)))
  const start = performance.now()
  let sent = 0
  let index = 0
  const next = (): void => {
    index++
    const end = Math.round((body.length * index) / pieces)
    const piece = body.subarray(sent, end)
    sent = end
    if (index >= pieces) {
      res.end(piece)
      return
    }
    res.write(piece)
    const due = start + (delayMs * (index + 1)) / pieces
    timer = setTimeout(next, Math.max(0, due - performance.now()))
  }
  let timer = setTimeout(next, delayMs / pieces)
  res.once('close', () => clearTimeout(timer))
}

/**
 * Answers and closes the connection without reading the rest of the request (used for 413).
 * Threat: a client streaming an endless body must not keep the receiver reading it. The answer
 * is written straight to the socket so the connection is half-closed right after it; what the
 * client still sends is read and dropped for a short while (bounded in time and bytes), because closing a
 * socket with unread input makes the kernel send a reset that can destroy the answer before the
 * client reads it.
 */
function answerAndClose(req: IncomingMessage, socket: Socket, answer: Answer): void {
  let head = `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? 'Unknown'}\r\n`
  for (let i = 0; i + 1 < answer.headers.length; i += 2) {
    head += `${answer.headers[i]}: ${answer.headers[i + 1]}\r\n`
  }
  const body = req.method === 'HEAD' ? Buffer.alloc(0) : answer.body
  socket.end(Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), body]))
  // A connection whose body the parser refused was paused: what still comes is read and dropped.
  socket.resume()
  const timer = setTimeout(() => socket.destroy(), LINGER_MS)
  socket.once('close', () => clearTimeout(timer))
  let drained = 0
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length
    if (drained > LINGER_MAX_BYTES) socket.destroy()
  })
  req.resume()
}
