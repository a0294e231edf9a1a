import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { newId } from '@shared/ids'
import type { AuthInfo, Behavior, Capture, Unfinished } from '@shared/schemas'
import { docDiff } from '@shared/doc-diff'
import { detectEvent, type HookEvent } from '@shared/trialkit'
import {
  badRequestAnswer,
  internalErrorAnswer,
  payloadTooLargeAnswer,
  prepareAnswer,
  refusalAnswer,
  recordedStatus,
  unauthorizedAnswer,
  type Answer
} from './answers'
import type { ForwardRequest, ForwardResult } from '../ports'
import { isoTime } from './clock'
import { deliverAnswer } from './deliver'
import { isHistoryWriteError } from '../journal/write-failure'
import { historyWriteFailedAnswer } from './unsaved-answer'
import { forwardedAnswer, forwardRequestOf } from './forward'
import { answerRecord } from './answer-record'
import { authInfo, headerPairs, splitTarget } from './inspect-request'
import { readJson, type JsonReading } from './read-json'
import { readBody, type BodyLimits, type BodyRead, type StallWatch } from './read-body'
import { resolveBehavior } from './resolve-behavior'
import { errorMessage } from '@shared/error-message'

export interface ReceiveContext {
  getBehavior: () => Behavior
  onCapture: (capture: Capture) => Promise<void> | void
  onUnfinished?: ((captureId: string, unfinished: Unfinished) => void) | undefined
  /** The receiver is closing: connections it ends are not callers leaving. */
  isClosing: () => boolean
  forward?: ((request: ForwardRequest) => Promise<ForwardResult>) | undefined
  random: () => number
  limits: BodyLimits
  stalls: StallWatch
}

const MISSING_HOST =
  'An HTTP/1.1 request must carry a Host header (RFC 9112 section 3.2); this one has none.'

/** What a request gets when nothing can be sent back: nothing (recorded as unfinished). */
const UNANSWERED: Answer = {
  status: 0,
  headers: [],
  body: Buffer.alloc(0),
  delayMs: 0,
  fault: 'none',
  closeConnection: true
}

/**
 * Records a request that got no answer at all (the caller left mid-body, its body stalled, or it
 * came behind an answer that closed the connection): it reached the receiver, so it is recorded.
 */
async function recordUnanswered(
  ctx: ReceiveContext,
  req: IncomingMessage,
  body: BodyRead,
  how: Unfinished['how']
): Promise<void> {
  // Never decoded: it was not answered, so it passed no credentials check.
  const parsed = await readJson(headerPairs(req.rawHeaders), body, 0, 'the request got no answer')
  const event = detectEvent(parsed.json)
  const capture = buildCapture(req, body, UNANSWERED, authInfo(req, null), parsed, event)
  const afterMs = how === 'behind-closed' ? 0 : Math.max(0, Date.now() - body.startedAt)
  await Promise.resolve(ctx.onCapture({ ...capture, unfinished: { how, afterMs } })).catch(
    () => undefined
  )
}

/** Connections an answer closes (or will close once it is sent). */
const closingSockets = new WeakSet<Socket>()

/** What the receiver decided before looking into the body: a refusal, or the behaviour to apply. */
type Verdict =
  | { refusal: Answer; auth: AuthInfo | null }
  | { refusal: null; auth: AuthInfo | null; behavior: Behavior }

/**
 * Refuses what must be refused before the body is looked into: a body over the limit is 413, an
 * HTTP/1.1 request without Host is 400 (Node would refuse it before any handler, unrecorded),
 * credentials that do not match are 401, a behaviour that cannot be read is a 500 that says why.
 * Only a request that passes all of these has its body decoded (see readJson).
 */
function refuse(ctx: ReceiveContext, req: IncomingMessage, body: BodyRead): Verdict {
  let behavior: Behavior | null = null
  let failure = ''
  try {
    behavior = ctx.getBehavior()
  } catch (error) {
    failure = `The receiver behaviour could not be read: ${errorMessage(error)}`
  }
  const auth = authInfo(req, behavior?.expectedAuth ?? null)
  if (body.refused) {
    return { refusal: refusalAnswer(body.refused.status, body.refused.message), auth }
  }
  if (body.overLimit) return { refusal: payloadTooLargeAnswer(ctx.limits.limit), auth }
  if (req.httpVersion === '1.1' && req.headers.host === undefined) {
    return { refusal: badRequestAnswer(MISSING_HOST), auth }
  }
  if (behavior === null) return { refusal: internalErrorAnswer(failure), auth }
  if (behavior.expectedAuth !== null && auth?.matchesExpected !== true) {
    return { refusal: unauthorizedAnswer(), auth }
  }
  return { refusal: null, auth, behavior }
}

/**
 * Chooses the answer: the refusal, or what the behaviour says for this event. A failure to apply
 * the behaviour is a 500 that says why, never a crash.
 */
function decide(
  ctx: ReceiveContext,
  verdict: Verdict,
  event: HookEvent | null
): { answer: Answer; auth: AuthInfo | null; forwardTo?: string } {
  const { auth } = verdict
  if (verdict.refusal !== null) return { answer: verdict.refusal, auth }
  const { behavior } = verdict
  try {
    const answer = prepareAnswer(resolveBehavior(behavior, event, ctx.random))
    // Forwarding applies to what the behaviour answers; refusals above are the receiver's own.
    if (behavior.forwardTo && ctx.forward) return { answer, auth, forwardTo: behavior.forwardTo }
    return { answer, auth }
  } catch (error) {
    const message = `The receiver behaviour could not be applied: ${errorMessage(error)}`
    return { answer: internalErrorAnswer(message), auth }
  }
}

/** The answer's headers and body for the capture, when something was sent back. */
function withAnswer(answer: Answer): Pick<Capture, 'answer'> {
  const sent = answerRecord(answer)
  return sent ? { answer: sent } : {}
}

function buildCapture(
  req: IncomingMessage,
  body: BodyRead,
  answer: Answer,
  auth: AuthInfo | null,
  parsed: JsonReading,
  event: HookEvent | null
): Capture {
  const { path, query } = splitTarget(req.url ?? '/')
  return {
    type: 'capture',
    id: newId('cap'),
    receivedAt: isoTime(body.startedAt),
    method: req.method ?? '',
    path,
    query,
    httpVersion: req.httpVersion,
    headers: headerPairs(req.rawHeaders),
    bodyBase64: body.kept.toString('base64'),
    bodySize: body.size,
    truncated: body.truncated,
    // A large body's parsed value is not stored beside its bytes (see STORED_JSON_MAX_BYTES).
    ...(parsed.store ? { json: parsed.json } : {}),
    jsonError: parsed.jsonError,
    auth,
    event,
    docDiff: event === null ? null : docDiff(event, parsed.json),
    response: { status: recordedStatus(answer), delayMs: answer.delayMs, fault: answer.fault },
    ...withAnswer(answer),
    remoteAddress: req.socket.remoteAddress ?? '',
    remotePort: req.socket.remotePort ?? 0,
    exchangeId: null
  }
}

/**
 * Sends the request on to the forwarding target and makes the capture and the answer say what
 * happened: the target's answer passed through, or a 502 with the reason.
 */
async function forwardOn(
  forward: (request: ForwardRequest) => Promise<ForwardResult>,
  req: IncomingMessage,
  body: BodyRead,
  capture: Capture,
  forwardTo: string,
  behaviorAnswer: Answer
): Promise<{ capture: Capture; answer: Answer }> {
  const request = forwardRequestOf(req, body, capture, forwardTo)
  let result: ForwardResult
  if (typeof request === 'string') {
    result = { exchangeId: null, response: null, error: request }
  } else {
    try {
      result = await forward(request)
    } catch (error) {
      result = { exchangeId: null, response: null, error: errorMessage(error) }
    }
  }
  const answer = forwardedAnswer(result, behaviorAnswer)
  return {
    answer,
    capture: {
      ...capture,
      response: { ...capture.response, status: recordedStatus(answer) },
      ...withAnswer(answer),
      forward: {
        url: typeof request === 'string' ? forwardTo : request.url,
        exchangeId: result.exchangeId,
        error: result.error
      }
    }
  }
}

/** Last resort when something unexpected failed: a plain 500, or a closed socket if too late. */
function failSafe(res: ServerResponse, error: unknown): void {
  if (res.destroyed) return
  if (res.headersSent) {
    res.socket?.destroy()
    return
  }
  const answer = internalErrorAnswer(`The receiver failed: ${errorMessage(error)}`)
  res.writeHead(answer.status, answer.headers)
  res.end(answer.body)
}

/**
 * The receiver's one request handler: read the body (unless the content-type parser already did),
 * build the capture, hand it to onCapture and wait for it (the journal write), then answer. It
 * takes the reply over from Fastify so faults and slow bodies can work on the raw socket, and it
 * never throws.
 */
export function createReceiveHandler(
  ctx: ReceiveContext
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async function receive(request, reply) {
    if (reply.sent) return
    reply.hijack()
    const req = request.raw
    const res = reply.raw
    try {
      const body =
        (request.body as BodyRead | undefined) ?? (await readBody(req, req, ctx.limits, ctx.stalls))
      if (body.aborted) {
        // A body cut off because the receiver is closing was not left by its caller.
        if (ctx.isClosing()) return
        await recordUnanswered(ctx, req, body, body.stalled ? 'body-stalled' : 'left-mid-body')
        return
      }
      if (closingSockets.has(req.socket) || req.socket.writableEnded || req.socket.destroyed) {
        // Pipelined behind an answer that closed the connection (e.g. a 413).
        await recordUnanswered(ctx, req, body, 'behind-closed')
        return
      }
      const verdict = refuse(ctx, req, body)
      // Marked before decoding waits, so a request pipelined behind a refusal finds it closing.
      if (verdict.refusal?.closeConnection) closingSockets.add(req.socket)
      // A coded body is read as JSON once decoded (only if not refused); the capture keeps the
      // bytes as received, and a decoded view is made only when it is shown.
      const notDecoded =
        verdict.refusal === null
          ? null
          : `the request was refused (${recordedStatus(verdict.refusal)})`
      const parsed = await readJson(headerPairs(req.rawHeaders), body, ctx.limits.cap, notDecoded)
      const event = detectEvent(parsed.json)
      const { answer, auth, forwardTo } = decide(ctx, verdict, event)
      // Requests pipelined behind this one will find the connection closed.
      if (answer.closeConnection) closingSockets.add(req.socket)
      let capture = buildCapture(req, body, answer, auth, parsed, event)
      let final = answer
      if (forwardTo !== undefined && ctx.forward) {
        ;({ capture, answer: final } = await forwardOn(
          ctx.forward,
          req,
          body,
          capture,
          forwardTo,
          answer
        ))
      }
      // The behaviour's delay runs while the capture is written, not after it: the answer leaves
      // once both are done, so a slow disk does not lengthen the delay the client sees.
      const recording = performance.now()
      try {
        await ctx.onCapture(capture)
      } catch (error) {
        final = isHistoryWriteError(error)
          ? historyWriteFailedAnswer(error, answer.closeConnection)
          : internalErrorAnswer(
              `The request could not be recorded: ${errorMessage(error)}`,
              answer.closeConnection
            )
      }
      const spent = performance.now() - recording
      const id = capture.id
      deliverAnswer(
        req,
        res,
        final.delayMs > 0 ? { ...final, delayMs: Math.max(0, final.delayMs - spent) } : final,
        () => {
          if (ctx.isClosing()) return
          const afterMs = Math.max(0, Date.now() - body.startedAt)
          ctx.onUnfinished?.(id, { how: 'left-before-answer', afterMs })
        }
      )
    } catch (error) {
      failSafe(res, error)
    }
  }
}
