import type { CheckItem } from '@shared/check'
import type { Exchange } from '@shared/schemas'
import { HOOK_EVENTS, type HookEvent } from '@shared/trialkit'
import { answerOf, describeAnswer, type Answer } from './answer'
import { bodySaysError } from './body-start'
import { exchangeEvidence, formatSeconds } from './describe-exchange'
import { hasNonAscii, item, LATIN1_HINT, notRun, TITLES, type CheckEvidence } from './evidence'
import { percentile } from './percentiles'

const EVENT_TITLES: Record<HookEvent, string> = {
  insert: 'Insert answered 2xx in time',
  update: 'Update answered 2xx in time',
  review: 'Review answered 2xx in time'
}

/** Errors that mean the endpoint was never reached: no answer could be timed. */
const UNREACHED = new Set(['connection-refused', 'dns', 'invalid-url', 'tls'])

/** The redirect among the event samples, if the endpoint answered with one. */
export function redirectOf(ev: CheckEvidence): { status: number; location: string | null } | null {
  for (const event of HOOK_EVENTS) {
    for (const ex of ev.samples[event]) {
      const a = answerOf(ex)
      if (a.kind === 'redirect') return { status: a.status, location: a.location }
    }
  }
  return null
}

/** Why a redirect stops the check: TrialKit does not follow it. */
export function redirectReason(r: { status: number; location: string | null }): string {
  const to = r.location ? ` to ${r.location}` : ''
  return `the endpoint redirects (HTTP ${r.status}${to}), and TrialKit does not follow redirects`
}

/** A refusal of the credentials the events were sent with, if any sample got one. */
export function eventsRefused(ev: CheckEvidence): Exchange | null {
  for (const event of HOOK_EVENTS) {
    const found = ev.samples[event].find((ex) => answerOf(ex).kind === 'refused')
    if (found) return found
  }
  return null
}

/** Whether any real event got a 2xx: what the probes and timings need to be judged. */
export function anyAccepted(ev: CheckEvidence): boolean {
  return HOOK_EVENTS.some((e) => ev.samples[e].some((ex) => answerOf(ex).kind === 'accepted'))
}

/** Why probes after the events could not be judged: the endpoint refused the credentials first. */
export function refusedFirstReason(ev: CheckEvidence, refused: Exchange): string {
  // A refusal is an answer (401 or 403), so it has a response.
  const status = refused.response!.status
  return ev.email === ''
    ? `the endpoint asks for credentials (HTTP ${status}): give the hook's email and password`
    : `the endpoint refused the right credentials first (HTTP ${status}, see "${TITLES.credentials}")`
}

function failureSummary(ev: CheckEvidence, failed: Exchange, answer: Answer): string {
  const protocolError = 'the TrialKit user sees a ProtocolError.'
  switch (answer.kind) {
    case 'redirect': {
      const use = answer.location
        ? ` Use ${answer.location} as the hook URL instead.`
        : ' The answer names no Location.'
      return `Answered HTTP ${answer.status}, a redirect: TrialKit does not follow redirects, so ${protocolError}${use}`
    }
    case 'refused': {
      if (ev.email === '') {
        return `Answered HTTP ${answer.status}: the endpoint asks for credentials, and none were given; ${protocolError}`
      }
      const hint = hasNonAscii(ev.password) ? ` ${LATIN1_HINT}` : ''
      return `Answered HTTP ${answer.status}: the right credentials were refused (see "${TITLES.credentials}"); ${protocolError}${hint}`
    }
    case 'no-answer':
      if (answer.error === 'timeout') {
        // Headers that came in time are an answer whose body never completed, not "no answer".
        if (failed.response) {
          return `${failed.error!.message} The TrialKit user sees a ProtocolError.`
        }
        return `No answer within the ${ev.timeoutSeconds} s timeout: ${protocolError}`
      }
      if (answer.error === 'connection-refused' && ev.refusedAt !== null) {
        const said = `${ev.refusedAt[0]!.toUpperCase()}${ev.refusedAt.slice(1)}`
        return `${said}. The TrialKit user sees a ProtocolError.`
      }
      return `${answer.error}: ${protocolError} (${failed.error!.message})`.replace(' ()', '')
    default: {
      const hint =
        answer.kind === 'server-error' && ev.email !== '' && hasNonAscii(ev.password)
          ? ` ${LATIN1_HINT}`
          : ''
      return `Answered ${describeAnswer(answer)}: ${protocolError}${hint}`
    }
  }
}

/** Each event answered 2xx within the timeout. */
export function judgeEvent(ev: CheckEvidence, event: HookEvent): CheckItem {
  const list = ev.samples[event]
  const title = EVENT_TITLES[event]
  const evidence = list.map((ex, i) => exchangeEvidence(`${event} #${i + 1}`, ex))
  if (list.length === 0) {
    return notRun(event, title, ev.stopped ?? 'no request was sent')
  }
  const failed = list.find((ex) => ex.error !== null)
  if (failed) {
    return item(event, title, 'fail', failureSummary(ev, failed, answerOf(failed)), evidence, list)
  }
  const n = list.length
  const saidError = list
    .map((ex, i) => ({ i, ex, words: bodySaysError(ex) }))
    .find((x) => x.words !== null)
  if (saidError) {
    const { i, ex, words } = saidError
    return item(
      event,
      title,
      'warn',
      `${event[0]!.toUpperCase()}${event.slice(1)} #${i + 1} answered ${ex.response!.status}, but its body says \`${words}\`: TrialKit shows the user a saved record, and nobody sees the failure.`,
      evidence,
      list
    )
  }
  return item(event, title, 'pass', `${n} of ${n} answered 2xx in time.`, evidence, list)
}

/**
 * Latency per event: the slowest event's p95 is what a site user waits on its saves. Warn over
 * `slowMs` or over half the timeout; fail when the endpoint was reached but never answered whole.
 */
export function judgeLatency(ev: CheckEvidence): CheckItem {
  const timeoutMs = ev.timeoutSeconds * 1000
  // A redirect's time says nothing about how long a save would take at the right URL.
  const redirect = redirectOf(ev)
  if (redirect) return notRun('latency', TITLES.latency, redirectReason(redirect))
  const all = HOOK_EVENTS.flatMap((e) => ev.samples[e])
  const answered = all.filter((ex) => answerOf(ex).kind !== 'no-answer')
  if (answered.length === 0) {
    const reached = all.filter((ex) => ex.error === null || !UNREACHED.has(ex.error.kind))
    if (reached.length === 0) {
      return notRun('latency', TITLES.latency, ev.stopped ?? 'no answer to time')
    }
    return item(
      'latency',
      TITLES.latency,
      'fail',
      `No complete answer to time: ${reached.map((ex) => describeAnswer(answerOf(ex))).join(', ')}.`,
      reached.map((ex) => exchangeEvidence(ex.event, ex)),
      reached
    )
  }
  const perEvent = HOOK_EVENTS.flatMap((event) => {
    const times = ev.samples[event]
      .filter((ex) => answerOf(ex).kind !== 'no-answer')
      .map((ex) => ex.timings.totalMs)
    const p95 = percentile(times, 95)
    return p95 === null ? [] : [{ event, p95, n: times.length }]
  }).sort((a, b) => b.p95 - a.p95)
  // Some call was answered, so some event has a p95.
  const [slowest, ...rest] = perEvent as [(typeof perEvent)[number], ...typeof perEvent]
  const figures =
    `${slowest.event} saves wait ${formatSeconds(slowest.p95)} at p95` +
    rest.map((r) => `; ${r.event} ${formatSeconds(r.p95)}`).join('')
  const overHalf = slowest.p95 > timeoutMs / 2
  const overSlow = slowest.p95 > ev.slowMs
  // Exchange lines first: the n-th evidence line is the n-th exchange.
  const evidence = [
    ...answered.map((ex) => exchangeEvidence(ex.event, ex)),
    ...perEvent.map(
      (r) => `${r.event}: p95 ${Math.round(r.p95)} ms over ${r.n} call${r.n === 1 ? '' : 's'}`
    )
  ]
  if (overHalf) {
    return item(
      'latency',
      TITLES.latency,
      'warn',
      `${figures}: p95 is above half the timeout (${ev.timeoutSeconds} s), and the TrialKit user is blocked while it runs.`,
      evidence,
      answered
    )
  }
  if (overSlow) {
    return item(
      'latency',
      TITLES.latency,
      'warn',
      `${figures}: over ${formatSeconds(ev.slowMs)}, a site user waits that long on every save.`,
      evidence,
      answered
    )
  }
  return item('latency', TITLES.latency, 'pass', `${figures}.`, evidence, answered)
}
