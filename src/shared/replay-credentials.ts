import type { ReplayRequest } from './replay'
import type { Capture, Exchange } from './schemas'
import { isSecretHeader, REDACTED } from './snippets'

/** Why a re-send of an entry whose Authorization was redacted on export cannot go as it is. */
export const REDACTED_AUTHORIZATION_MESSAGE =
  "This entry's Authorization was redacted when it was exported; give the email and password to send with it."

/** The field a refused re-send names when it needs credentials (ApiErrorBody `field`). */
export const CREDENTIALS_FIELD = 'credentials'

/** Whether a header value is the placeholder an export wrote in place of a secret. */
export function isRedactedValue(value: string): boolean {
  return value.trim() === REDACTED
}

function headersOf(source: Exchange | Capture): readonly [string, string][] {
  return source.type === 'exchange' ? source.request.headers : source.headers
}

/** Whether the Authorization the entry was sent (or received) with was redacted on export. */
export function authorizationRedacted(source: Exchange | Capture): boolean {
  return headersOf(source).some(
    ([n, v]) => n.toLowerCase() === 'authorization' && isRedactedValue(v)
  )
}

/**
 * Whether a re-send carries the credentials the source was sent with: not when it goes with a
 * saved hook (the one asked for, or the exchange's own hook when it goes where it went).
 */
export function sendsSourceCredentials(
  source: Exchange | Capture,
  request: Pick<ReplayRequest, 'hookId' | 'url'>,
  hooks: readonly { id: string }[]
): boolean {
  if (request.hookId !== undefined) return false
  if (request.url !== undefined || source.type !== 'exchange') return true
  return !hooks.some((h) => h.id === source.hookId)
}

/** What refuses a re-send because of a redacted secret, with the request field it concerns. */
export interface RedactedProblem {
  message: string
  field: string
}

/**
 * Why this re-send would send a redacted secret, or null when it would not. The placeholder is
 * never sent: an Authorization that was redacted needs credentials (or an edited Authorization
 * header, or a saved hook's credentials), an edited Authorization header still holding it is
 * left out (see withoutRedactedAuthorization), and any other secret header still holding it
 * (Cookie, Proxy-Authorization) must be given a value or removed.
 */
export function redactedReplayProblem(
  source: Exchange | Capture,
  request: ReplayRequest,
  hooks: readonly { id: string }[]
): RedactedProblem | null {
  const edited = request.headers ?? []
  for (const [name, value] of edited) {
    const lower = name.toLowerCase()
    if (lower !== 'authorization' && isSecretHeader(lower) && isRedactedValue(value)) {
      return {
        message: `The ${name} header's value was redacted when it was exported; type the value to send or remove the header.`,
        field: 'headers'
      }
    }
  }
  const ownAuthorization = edited.some(
    ([n, v]) => n.toLowerCase() === 'authorization' && !isRedactedValue(v)
  )
  if (ownAuthorization || request.credentials !== undefined) return null
  if (!authorizationRedacted(source) || !sendsSourceCredentials(source, request, hooks)) return null
  return { message: REDACTED_AUTHORIZATION_MESSAGE, field: CREDENTIALS_FIELD }
}

/** Whether a re-send must ask for credentials first (the source's Authorization was redacted). */
export function replayNeedsCredentials(
  source: Exchange | Capture,
  request: ReplayRequest,
  hooks: readonly { id: string }[]
): boolean {
  return redactedReplayProblem(source, request, hooks)?.field === CREDENTIALS_FIELD
}

/** The edited headers without a redacted Authorization placeholder (it is never sent). */
export function withoutRedactedAuthorization(
  headers: ReplayRequest['headers']
): ReplayRequest['headers'] {
  return headers?.filter(([n, v]) => n.toLowerCase() !== 'authorization' || !isRedactedValue(v))
}
