import type { CheckItem } from '@shared/check'
import type { Exchange } from '@shared/schemas'
import { answerOf, completeStatus, describeAnswer } from './answer'
import { bodyText, exchangeEvidence } from './describe-exchange'
import { item, notRun, TITLES, type CheckEvidence } from './evidence'
import { eventsRefused, refusedFirstReason } from './judge-events'

export const EXTRA_FIELD = 'x_added_field'

/** Why a probe that was not sent could not be judged. */
function unsentReason(ev: CheckEvidence): string {
  const refused = eventsRefused(ev)
  if (refused) return refusedFirstReason(ev, refused)
  return ev.stopped ?? 'the request budget ran out'
}

/** A probe's answer that cannot be judged: the credentials refused first, or a redirect. */
function unjudgeable(ex: Exchange): string | null {
  const a = answerOf(ex)
  if (a.kind === 'refused') return `the endpoint refused the credentials first (HTTP ${a.status})`
  // Rate limiting says nothing about the body that was sent.
  // Stryker disable next-line ConditionalExpression: a 429 is always a client error, so the kind test alone changes nothing
  if (a.kind === 'client-error' && a.status === 429) {
    return 'the endpoint was rate limiting (HTTP 429), so the answer says nothing about this request'
  }
  if (a.kind === 'redirect') return `the endpoint answered with a redirect (${describeAnswer(a)})`
  return null
}

/** A response body as a short quote for a summary: one line, at most 60 characters. */
function quoteBody(ex: Exchange): string {
  const text = bodyText(ex).replace(/\s+/g, ' ').trim()
  if (text === '') return 'an empty body'
  return `“${text.length > 60 ? `${text.slice(0, 59)}…` : text}”`
}

/** How two answers to the same event differ: the status, or else the body. */
function difference(a: Exchange, b: Exchange): string {
  const first = describeAnswer(answerOf(a))
  if (completeStatus(a) !== completeStatus(b)) {
    return `${first} the first time, ${describeAnswer(answerOf(b))} the second`
  }
  return `both ${first}, with ${quoteBody(a)} the first time and ${quoteBody(b)} the second`
}

/** The same event twice is answered the same way (the inserts share one trans_id). */
export function judgeIdempotency(ev: CheckEvidence): CheckItem {
  const answered = ev.samples.insert.filter((ex) => completeStatus(ex) !== null)
  const [a, b] = answered
  const id = 'idempotency'
  if (!a || !b) {
    const why =
      ev.stopped ??
      (ev.samples.insert.length < 2
        ? 'it needs two answered inserts, and the first one failed'
        : 'it needs two answered inserts')
    return notRun(id, TITLES.idempotency, why)
  }
  const same = completeStatus(a) === completeStatus(b) && bodyText(a) === bodyText(b)
  return item(
    id,
    TITLES.idempotency,
    same ? 'pass' : 'warn',
    same
      ? 'Two inserts with the same trans_id got the same answer.'
      : `Two inserts with the same trans_id got different answers (${difference(a, b)}): TrialKit may send an event again (e.g. after a timeout), so handle repeats.`,
    [exchangeEvidence('insert #1', a), exchangeEvidence('insert #2', b)],
    [a, b]
  )
}

/** A review with LockBroken (a locked record changed) must be answered 2xx like any review. */
export function judgeLockBroken(ev: CheckEvidence): CheckItem {
  const id = 'lock-broken'
  const ex = ev.lockBroken
  if (!ex) return notRun(id, TITLES.lockBroken, unsentReason(ev))
  const evidence = [exchangeEvidence('review with LockBroken: true', ex)]
  const blocked = unjudgeable(ex)
  if (blocked) return notRun(id, TITLES.lockBroken, blocked, evidence, [ex])
  const a = answerOf(ex)
  if (a.kind === 'accepted') {
    return item(
      id,
      TITLES.lockBroken,
      'pass',
      'A review with LockBroken: true got a 2xx.',
      evidence,
      [ex]
    )
  }
  return item(
    id,
    TITLES.lockBroken,
    'fail',
    `A review with LockBroken: true got ${describeAnswer(a)}: TrialKit sends it when a locked record is changed, and that save would show a ProtocolError.`,
    evidence,
    [ex]
  )
}

/** An event with one field the docs don't list: TrialKit may add fields, so it must still be 2xx. */
export function judgeExtraKeys(ev: CheckEvidence): CheckItem {
  const id = 'extra-keys'
  const ex = ev.extraKeys
  if (!ex) return notRun(id, TITLES.extraKeys, unsentReason(ev))
  const evidence = [exchangeEvidence(`insert with "${EXTRA_FIELD}" added`, ex)]
  const blocked = unjudgeable(ex)
  if (blocked) return notRun(id, TITLES.extraKeys, blocked, evidence, [ex])
  const a = answerOf(ex)
  if (a.kind === 'accepted') {
    return item(
      id,
      TITLES.extraKeys,
      'pass',
      `An insert with an extra field ("${EXTRA_FIELD}") got a 2xx.`,
      evidence,
      [ex]
    )
  }
  return item(
    id,
    TITLES.extraKeys,
    'warn',
    `An insert with an extra field ("${EXTRA_FIELD}") got ${describeAnswer(a)}: TrialKit may add fields to its events, and then every save would fail. Ignore fields you do not know.`,
    evidence,
    [ex]
  )
}

const BAD_LABELS = { malformed: 'malformed JSON', unknown: 'unknown body' } as const

/** Malformed and unknown bodies get a 4xx, not a 5xx, a hang or a reset. */
export function judgeBadInput(ev: CheckEvidence): CheckItem {
  const id = 'bad-input'
  const probes = (['malformed', 'unknown'] as const).flatMap((k) => {
    const ex = ev[k]
    return ex ? [{ label: BAD_LABELS[k], ex }] : []
  })
  if (probes.length === 0) return notRun(id, TITLES.badInput, unsentReason(ev))
  const evidence = probes.map((p) => exchangeEvidence(p.label, p.ex))
  const exchanges = probes.map((p) => p.ex)
  const judged = probes.filter((p) => unjudgeable(p.ex) === null)
  if (judged.length === 0) {
    return notRun(id, TITLES.badInput, unjudgeable(probes[0]!.ex)!, evidence, exchanges)
  }
  const broken = judged.filter((p) => {
    const k = answerOf(p.ex).kind
    return k === 'server-error' || k === 'no-answer'
  })
  if (broken.length > 0) {
    const what = broken.map((p) => `the ${p.label} got ${describeAnswer(answerOf(p.ex))}`)
    return item(
      id,
      TITLES.badInput,
      'fail',
      // Stryker disable next-line Regex: the sentence always starts with "the", so its first t is at the start
      `${what.join(' and ')} instead of a 4xx.`.replace(/^t/, 'T'),
      evidence,
      exchanges
    )
  }
  const accepted = judged.filter((p) => answerOf(p.ex).kind === 'accepted')
  if (accepted.length > 0) {
    return item(
      id,
      TITLES.badInput,
      'warn',
      `The ${accepted.map((p) => p.label).join(' and the ')} ${accepted.length > 1 ? 'were' : 'was'} accepted with a 2xx: a 4xx tells a bad request apart.`,
      evidence,
      exchanges
    )
  }
  const all = judged.length === 2 ? 'Both got a 4xx.' : `The ${judged[0]!.label} got a 4xx.`
  return item(id, TITLES.badInput, 'pass', all, evidence, exchanges)
}

/** Errors that show the endpoint is gone, or broke on the request it was given. */
const DEAD = new Set(['connection-refused', 'connection-reset', 'timeout'])

/**
 * After the bad-input probes, one valid insert must still be answered: an endpoint that crashed on
 * malformed input fails every TrialKit save until it is restarted.
 */
export function judgeAlive(ev: CheckEvidence): CheckItem {
  const id = 'alive-after-bad-input'
  const seq = [
    { label: 'malformed JSON probe', ex: ev.malformed },
    { label: 'unknown body probe', ex: ev.unknown },
    { label: 'valid insert after them', ex: ev.alive }
  ].filter((s): s is { label: string; ex: Exchange } => s.ex !== null)
  // With nothing sent, the tail below is empty and the valid insert missing: not run, unsent.
  const evidence = seq.map((s) => exchangeEvidence(s.label, s.ex))
  const exchanges = seq.map((s) => s.ex)
  // Each of these errors is an exchange with no complete answer (see answer.ts).
  const dead = (ex: Exchange): boolean => ex.error !== null && DEAD.has(ex.error.kind)
  // The run of unanswered requests at the end, and the probe that came before it.
  let start = seq.length
  while (start > 0 && dead(seq[start - 1]!.ex)) start -= 1
  const tail = seq.slice(start)
  if (tail.length === 0) {
    if (!ev.alive) return notRun(id, TITLES.alive, unsentReason(ev), evidence, exchanges)
    const blocked = unjudgeable(ev.alive)
    if (blocked) return notRun(id, TITLES.alive, blocked, evidence, exchanges)
    return item(
      id,
      TITLES.alive,
      'pass',
      `A valid insert after the bad input got ${describeAnswer(answerOf(ev.alive))}.`,
      evidence,
      exchanges
    )
  }
  // The tail holds dead exchanges only, each with an error.
  const gone = tail.some((s) => s.ex.error!.kind === 'connection-refused')
  if (!ev.alive && !gone) {
    return notRun(
      id,
      TITLES.alive,
      ev.stopped ?? 'the valid insert was not sent',
      evidence,
      exchanges
    )
  }
  const first = tail[0]!
  const after = first.ex.error!.kind === 'connection-refused' ? seq[start - 1] : first
  // "Crashed on bad input" only when the evidence is exactly that: a valid request answered just
  // before the bad input, and nothing answered after it.
  const answeredBefore = [ev.extraKeys, ev.lockBroken, ...ev.samples.insert].some(
    (x) => x !== null && answerOf(x).kind !== 'no-answer'
  )
  if (!after || !answeredBefore) {
    return notRun(
      id,
      TITLES.alive,
      ev.stopped ?? 'the endpoint was not answering before the bad input was sent',
      evidence,
      exchanges
    )
  }
  const cause = after === first ? `on the ${after.label}` : `after the ${after.label}`
  const last = tail[tail.length - 1]!
  return item(
    id,
    TITLES.alive,
    'fail',
    `The endpoint stopped answering ${cause}: ${last.label} got ${describeAnswer(answerOf(last.ex))}. It crashed on bad input, and every TrialKit save fails until it is restarted.`,
    evidence,
    exchanges
  )
}
