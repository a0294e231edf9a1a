import type { Exchange, ExchangeErrorKind } from '@shared/schemas'

/**
 * What an exchange's answer means to the check: accepted (2xx), refused (401/403), a redirect,
 * another 4xx, a 5xx, or no complete answer at all (timeout, reset, refused connection…).
 */
export type Answer =
  | { kind: 'accepted'; status: number }
  | { kind: 'refused'; status: number }
  | { kind: 'redirect'; status: number; location: string | null }
  | { kind: 'client-error'; status: number }
  | { kind: 'server-error'; status: number }
  | { kind: 'no-answer'; error: ExchangeErrorKind }

/** The Location of a redirect, made absolute against the URL that was called. */
function redirectTarget(
  url: string,
  headers: readonly (readonly [string, string])[]
): string | null {
  const found = headers.find(([n]) => n.toLowerCase() === 'location')
  const location = found ? found[1].trim() : ''
  if (location === '') return null
  try {
    return new URL(location, url).href
  } catch {
    return location
  }
}

export function answerOf(ex: Exchange): Answer {
  // Any error but an HTTP status (a timeout or a reset after the headers too) means no answer.
  if (ex.error && (ex.error.kind !== 'http-status' || !ex.response)) {
    return { kind: 'no-answer', error: ex.error.kind }
  }
  if (!ex.response) return { kind: 'no-answer', error: 'connection-reset' }
  const status = ex.response.status
  if (status >= 200 && status < 300) return { kind: 'accepted', status }
  if (status === 401 || status === 403) return { kind: 'refused', status }
  if (status >= 300 && status < 400)
    return {
      kind: 'redirect',
      status,
      location: redirectTarget(ex.request.url, ex.response.headers)
    }
  if (status >= 400 && status < 500) return { kind: 'client-error', status }
  return { kind: 'server-error', status }
}

/** A short name for an answer: "HTTP 500", "308 redirect to …", "timeout". */
export function describeAnswer(answer: Answer): string {
  switch (answer.kind) {
    case 'redirect':
      return answer.location
        ? `${answer.status} redirect to ${answer.location}`
        : `${answer.status} redirect`
    case 'no-answer':
      return answer.error
    default:
      return `HTTP ${answer.status}`
  }
}

/** The status of a complete response, or null when there was none (timeout, reset, …). */
export function completeStatus(ex: Exchange): number | null {
  const a = answerOf(ex)
  return a.kind === 'no-answer' ? null : a.status
}
