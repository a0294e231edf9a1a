import {
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions
} from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import { utf8Length } from '@shared/bytes'
import { STORED_BODY_CAP, type ExchangeError, type WireRequest } from '@shared/schemas'
import { buildWireRequest } from '@shared/wire-request'
import type { Dispatch, DispatchOptions, DispatchResult } from '../ports'
import { classifyError, type DispatchPhase } from './classify-error'
import { abortedMessage, bodyTimeoutMessage, statusMessage, timeoutMessage } from './messages'
import { declaredLength, pairHeaders, ResponseRecorder } from './response-recorder'
import { errorMessage } from '@shared/error-message'

/** setTimeout fires at once for larger values, which would turn a long timeout into none. */
const MAX_TIMER_MS = 2 ** 31 - 1

function round1(ms: number): number {
  return Math.round(ms * 10) / 10
}

function unbracket(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname
}

/** A peer that closed without an error event still ends the exchange before it was complete. */
function connectionClosed(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
}

function unsent(request: WireRequest, error: ExchangeError): DispatchResult {
  return {
    request,
    response: null,
    error,
    timings: { connectMs: null, firstByteMs: null, totalMs: 0 },
    localPort: null
  }
}

/**
 * Plays TrialKit: one POST with exactly the previewed headers and body, on a fresh connection,
 * waited for synchronously against the hook's timeout. Never rejects: every failure resolves as
 * one ProtocolError kind (or `aborted`), with whatever of the response had arrived.
 */
export const dispatch: Dispatch = (options) => {
  const { target, body } = options
  const built = buildWireRequest(target, body, options.userAgent, options.wire)
  if (!built.ok) {
    const request: WireRequest = {
      method: options.wire?.method ?? 'POST',
      url: target.url,
      headers: [],
      body,
      bodySize: options.wire?.rawBody?.length ?? utf8Length(body)
    }
    return Promise.resolve(unsent(request, { kind: 'invalid-url', message: built.message }))
  }
  if (options.signal?.aborted) {
    const message = 'Cancelled before the request was sent.'
    return Promise.resolve(unsent(built.request, { kind: 'aborted', message }))
  }
  return new Promise((resolve) => send(options, built.request, built.url, resolve))
}

function send(
  options: DispatchOptions,
  request: WireRequest,
  url: URL,
  resolve: (result: DispatchResult) => void
): void {
  const { target, signal } = options
  const secure = url.protocol === 'https:'
  const cap = Math.max(0, options.responseBodyCap ?? STORED_BODY_CAP)
  const timeoutMs = Math.min(Math.max(Math.round(target.timeoutMs), 1), MAX_TIMER_MS)
  const start = performance.now()
  const elapsed = (): number => round1(performance.now() - start)

  let phase: DispatchPhase = 'connect'
  let settled = false
  let socket: Socket | null = null
  let req: ClientRequest | null = null
  let recorder: ResponseRecorder | null = null
  let connectMs: number | null = null
  let firstByteMs: number | null = null
  let localPort: number | null = null

  // Several errors can race (a reset, then a close, then our own destroy): the first one wins.
  const finish = (error: ExchangeError | null): void => {
    if (settled) return
    settled = true
    const totalMs = elapsed()
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
    // `Connection: close` was sent, but a peer may ignore it: never leave a socket behind.
    req?.destroy()
    socket?.destroy()
    resolve({
      request,
      response: recorder?.snapshot() ?? null,
      error,
      timings: { connectMs, firstByteMs, totalMs },
      localPort
    })
  }
  const fail = (err: unknown): void =>
    finish(
      classifyError(err, {
        phase,
        hostname: url.hostname,
        address: url.host,
        bodyBytes: recorder?.bodySize ?? 0,
        contentLength: recorder?.contentLength ?? null
      })
    )
  const onAbort = (): void =>
    finish({ kind: 'aborted', message: abortedMessage(performance.now() - start) })

  // One timer, started before DNS and connect, covers everything up to the last body byte:
  // that is how long the TrialKit user is blocked.
  // Node's timers count whole milliseconds on the event loop's clock, so one can fire up to a
  // millisecond before its time as measured from here: the timeout ends only once it has passed.
  const onDeadline = (): void => {
    const left = timeoutMs - (performance.now() - start)
    if (left > 0) timer = setTimeout(onDeadline, Math.ceil(left))
    else if (recorder !== null && firstByteMs !== null) {
      finish({
        kind: 'timeout',
        message: bodyTimeoutMessage(recorder.status, firstByteMs, timeoutMs)
      })
    } else finish({ kind: 'timeout', message: timeoutMessage(timeoutMs) })
  }
  let timer = setTimeout(onDeadline, timeoutMs)
  signal?.addEventListener('abort', onAbort, { once: true })

  const requestOptions: RequestOptions & { rejectUnauthorized?: boolean } = {
    method: request.method,
    hostname: unbracket(url.hostname),
    port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
    path: `${url.pathname}${url.search}`,
    // A flat list is written verbatim (names, casing, order); Node adds nothing to it.
    headers: request.headers.flat(),
    setHost: false,
    agent: false
  }
  // Off by default: an invalid certificate is a `tls` ProtocolError, as it is for TrialKit.
  if (secure) requestOptions.rejectUnauthorized = !target.insecureTls

  try {
    req = (secure ? httpsRequest : httpRequest)(requestOptions)
  } catch (err) {
    finish({ kind: 'invalid-url', message: `The request could not be built: ${errorMessage(err)}` })
    return
  }

  req.on('socket', (s: Socket) => {
    socket = s
    if (settled) {
      s.destroy()
      return
    }
    s.once('connect', () => {
      localPort = s.localPort ?? null
      if (secure) phase = 'handshake'
      else {
        phase = 'awaiting-response'
        connectMs = elapsed()
      }
      try {
        options.onConnect?.({ localAddress: s.localAddress ?? '', localPort: s.localPort ?? 0 })
      } catch {
        // Linking is best effort: a failing listener must not change the dispatch's outcome.
      }
    })
    if (secure) {
      s.once('secureConnect', () => {
        phase = 'awaiting-response'
        connectMs = elapsed()
      })
    }
  })

  req.on('response', (res: IncomingMessage) => {
    firstByteMs = elapsed()
    phase = 'body'
    const rec = new ResponseRecorder(
      res.statusCode ?? 0,
      res.statusMessage ?? '',
      pairHeaders(res.rawHeaders),
      declaredLength(res.headers['content-length']),
      cap
    )
    recorder = rec
    res.on('data', (chunk: Buffer) => rec.add(chunk))
    res.on('error', fail)
    res.on('end', () => {
      if (!res.complete) fail(connectionClosed())
      else if (rec.status >= 200 && rec.status < 300) finish(null)
      else {
        const message = statusMessage(rec.status, rec.statusText, res.headers.location)
        finish({ kind: 'http-status', message })
      }
    })
    res.on('close', () => fail(connectionClosed()))
  })

  // A 101 answer is complete without a body and is not 2xx: TrialKit does not switch protocols.
  req.on('upgrade', (res: IncomingMessage, upgraded: Socket) => {
    socket = upgraded
    firstByteMs = elapsed()
    recorder = new ResponseRecorder(
      res.statusCode ?? 0,
      res.statusMessage ?? '',
      pairHeaders(res.rawHeaders),
      null,
      cap
    )
    finish({ kind: 'http-status', message: statusMessage(recorder.status, recorder.statusText) })
  })
  req.on('error', fail)
  req.on('close', () => {
    if (recorder === null) fail(connectionClosed())
  })
  const raw = options.wire?.rawBody
  req.end(raw === undefined ? Buffer.from(request.body, 'utf8') : raw)
}
