import { STATUS_CODES } from 'node:http'
import type { RootCause } from '@shared/check'
import type { Exchange } from '@shared/schemas'
import { HOOK_EVENTS, buildEventBody } from '@shared/trialkit'
import { answerOf } from './answer'
import { bodyStart } from './body-start'
import { exchangeEvidence } from './describe-exchange'
import type { CheckEvidence } from './evidence'

/** "HTTP 415 Unsupported Media Type". */
export function statusName(status: number): string {
  const text = STATUS_CODES[status]
  return text ? `HTTP ${status} ${text}` : `HTTP ${status}`
}

/**
 * The one non-2xx status every real event (insert, update, review) got, or null. Refusals of the
 * credentials (401/403) and redirects have their own items; anything else said by every event is
 * one cause, not three failures.
 */
export function sharedStatus(ev: CheckEvidence): number | null {
  const all = HOOK_EVENTS.flatMap((e) => ev.samples[e])
  if (HOOK_EVENTS.some((e) => ev.samples[e].length === 0)) return null
  const statuses = new Set(
    all.map((ex) => {
      const a = answerOf(ex)
      return a.kind === 'client-error' || a.kind === 'server-error' ? a.status : null
    })
  )
  if (statuses.size !== 1) return null
  const [status] = [...statuses]
  return status ?? null
}

/** The hook URL with its trailing slash added, or taken away when it has one. */
export function slashVariant(url: string): string | null {
  try {
    // Stryker disable next-line MethodExpression: the URL parser trims the same spaces itself.
    const u = new URL(url.trim())
    // An http(s) URL given an empty path serialises it as "/".
    u.pathname = u.pathname.endsWith('/') ? u.pathname.replace(/\/+$/, '') : `${u.pathname}/`
    const href = u.href
    // Stryker disable next-line MethodExpression: as above, the parser trims.
    return href === new URL(url.trim()).href ? null : href
  } catch {
    return null
  }
}

function retryAfter(ex: Exchange): string | null {
  // Stryker disable next-line OptionalChaining: a root cause exists only when every event was answered.
  const h = ex.response?.headers.find(([n]) => n.toLowerCase() === 'retry-after')
  return h ? h[1].trim() : null
}

/** The Content-Type the request really carried. */
function sentContentType(ex: Exchange): string {
  const h = ex.request.headers.find(([n]) => n.toLowerCase() === 'content-type')
  return h ? h[1] : '(none)'
}

/** What the shared answer is about: what TrialKit sent that the endpoint objects to. */
function aboutWhat(status: number, ev: CheckEvidence, first: Exchange): string {
  const insert = buildEventBody('insert')
  switch (status) {
    case 415:
      return `It is about the Content-Type TrialKit sends, "${sentContentType(first)}": the endpoint must accept it as sent (with the charset), since TrialKit cannot change it.`
    case 404: {
      const probe = ev.slashProbe
      if (!probe) return 'Nothing answers at this path: check the hook URL.'
      const a = answerOf(probe)
      if (a.kind === 'accepted') {
        return `${probe.request.url} answers HTTP ${a.status}: use ${probe.request.url} as the hook URL.`
      }
      const got = a.kind === 'no-answer' ? a.error : statusName(a.status)
      return `${probe.request.url} answers ${got} too: nothing answers at this path, check the hook URL.`
    }
    case 405:
      return 'It is about the method: TrialKit always sends POST.'
    case 429: {
      const after = retryAfter(first)
      return `The endpoint is rate limiting${after === null ? '' : ` (Retry-After: ${after})`}: site users saving together will see ProtocolErrors.`
    }
    default:
      if (status >= 500) {
        return 'The endpoint errors on every event TrialKit sends: every save shows the TrialKit user a ProtocolError.'
      }
      return `It is about the body TrialKit sends (${insert.slice(0, 60)}…): TrialKit's events are fixed, so the endpoint must accept them as sent.`
  }
}

/**
 * The root cause when every real event got the same answer: its status, the start of the
 * endpoint's answer and what was sent that it is about. Said once, before the items.
 */
export function rootCauseOf(ev: CheckEvidence): RootCause | null {
  const status = sharedStatus(ev)
  if (status === null) return null
  const exchanges = HOOK_EVENTS.flatMap((e) => ev.samples[e])
  const first = exchanges[0]!
  const body = bodyStart(first)
  const answered = body === null ? 'with an empty body' : `answering ${body}`
  const summary = `Every event (${HOOK_EVENTS.join(', ')}) got ${statusName(status)}, ${answered}. ${aboutWhat(status, ev, first)}`
  const evidence = [
    ...HOOK_EVENTS.flatMap((e) =>
      ev.samples[e].map((ex, i) => exchangeEvidence(`${e} #${i + 1}`, ex))
    ),
    ...(ev.slashProbe ? [exchangeEvidence(`${ev.slashProbe.request.url}`, ev.slashProbe)] : []),
    ...(status === 415 ? [`sent Content-Type: ${sentContentType(first)}`] : [])
  ]
  return { summary, evidence }
}

/** "every event got HTTP 415": why the items that need a 2xx could not be judged. */
export function sharedStatusReason(status: number): string {
  return `every event got HTTP ${status}`
}
