import { decodeAuthorization } from '@shared/basic-auth'
import type { ReplayRequest } from '@shared/replay'
import { redactedReplayProblem, withoutRedactedAuthorization } from '@shared/replay-credentials'
import { fireHook } from '@shared/hook-record'
import {
  HOOK_TIMEOUT_DEFAULT_S,
  timeoutSecondsOf,
  type HistoryEntry,
  type HookConfig
} from '@shared/schemas'
import { detectEvent, type HookEvent } from '@shared/trialkit'
import { ValidationError } from '@shared/validation'
import type { FireHook, SendSpec } from '../../ports'

export interface ReplayContext {
  /** Saved hooks with their passwords. */
  hooks: readonly HookConfig[]
  /** The built-in receiver's base URL while it runs (where a capture was received). */
  receiverUrl: string | null
}

function header(headers: readonly [string, string][], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1]
}

/** Email and password from a Basic Authorization value; none when it is absent or not Basic. */
function credentialsOf(authorization: string | undefined): { email: string; password: string } {
  if (authorization === undefined) return { email: '', password: '' }
  const decoded = decodeAuthorization(authorization)
  if (decoded.scheme.toLowerCase() !== 'basic' || decoded.email === null) {
    return { email: '', password: '' }
  }
  return { email: decoded.email, password: decoded.password ?? '' }
}

/** The capture's body as the text it was: refused when cut short or not UTF-8. */
function captureBody(entry: Extract<HistoryEntry, { type: 'capture' }>): string {
  if (entry.truncated) {
    throw new ValidationError(
      `The capture "${entry.id}" kept only the first ${Buffer.from(entry.bodyBase64, 'base64').length} of its ${entry.bodySize} body bytes, so it cannot be re-sent as it was.`,
      'sourceId'
    )
  }
  const bytes = Buffer.from(entry.bodyBase64, 'base64')
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new ValidationError(
      `The capture "${entry.id}" has a body that is not UTF-8 text; TrialKit sends JSON, so it cannot be re-sent as an event.`,
      'sourceId'
    )
  }
}

function eventOfBody(body: string, fallback: HookEvent): HookEvent {
  try {
    return detectEvent(JSON.parse(body)) ?? fallback
  } catch {
    return fallback
  }
}

/**
 * Works out what a replay sends and where: the source's body byte for byte (or the edited one),
 * to the saved hook or URL asked for, else where the source went — an exchange to its hook (as
 * saved now) or its URL with the credentials it sent; a capture to the built-in receiver's same
 * path with the credentials it arrived with. Credentials given with the request replace those;
 * a secret redacted on export is never sent (redactedReplayProblem refuses the re-send instead).
 */
export function planReplay(
  source: HistoryEntry,
  request: ReplayRequest,
  ctx: ReplayContext
): SendSpec {
  if (source.type === 'capacity') {
    throw new ValidationError(
      `"${source.id}" is a capacity check, not one request: re-send one of its exchanges from its report instead.`,
      'sourceId'
    )
  }
  const redacted = redactedReplayProblem(source, request, ctx.hooks)
  if (redacted) throw new ValidationError(redacted.message, redacted.field)
  const originalBody = source.type === 'exchange' ? source.request.body : captureBody(source)
  const body = request.body ?? originalBody
  const event =
    source.type === 'exchange' ? source.event : (source.event ?? eventOfBody(body, 'insert'))
  const sentHeaders = source.type === 'exchange' ? source.request.headers : source.headers
  const sent = credentialsOf(header(sentHeaders, 'authorization'))
  const timeoutSeconds =
    source.type === 'exchange' ? timeoutSecondsOf(source.timeoutMs) : HOOK_TIMEOUT_DEFAULT_S

  let hook: FireHook
  if (request.hookId !== undefined) {
    const saved = ctx.hooks.find((h) => h.id === request.hookId)
    if (!saved) throw new ValidationError(`No saved hook has the id "${request.hookId}".`, 'hookId')
    hook = saved
  } else {
    const savedOfSource =
      request.url === undefined && source.type === 'exchange'
        ? ctx.hooks.find((h) => h.id === source.hookId)
        : undefined
    if (savedOfSource) {
      hook = savedOfSource
    } else {
      let url = request.url
      if (url === undefined) {
        if (source.type === 'exchange') url = source.request.url
        else if (ctx.receiverUrl !== null)
          url = new URL(captureTarget(source), ctx.receiverUrl).href
        else {
          throw new ValidationError(
            'The receiver is not running, so a capture can only be re-sent to a URL or a hook.',
            'url'
          )
        }
      }
      // Not a saved hook: the new exchange is labelled by where it went, not by its source's hook.
      hook = fireHook({
        name: url,
        url,
        email: sent.email,
        password: sent.password,
        timeoutSeconds
      })
    }
  }
  if (request.credentials !== undefined) {
    hook = { ...hook, email: request.credentials.email, password: request.credentials.password }
  }
  const extraHeaders = withoutRedactedAuthorization(request.headers)
  return {
    hook,
    event,
    body,
    origin: 'replay',
    replayOf: source.id,
    ...(extraHeaders === undefined ? {} : { wire: { extraHeaders } })
  }
}

/** The path and query the capture arrived on. */
function captureTarget(c: Extract<HistoryEntry, { type: 'capture' }>): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(c.query)) {
    for (const value of Array.isArray(v) ? v : [v]) params.append(k, value)
  }
  const q = params.toString()
  return `${c.path}${q ? `?${q}` : ''}`
}
