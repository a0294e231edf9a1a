import type { CheckItem } from '@shared/check'
import { answerOf, describeAnswer } from './answer'
import { exchangeEvidence, formatSeconds } from './describe-exchange'
import { item, notRun, TITLES, type CheckEvidence } from './evidence'
import { percentile } from './percentiles'

const ID = 'concurrency'
const TITLE = TITLES.concurrency
/** Saves at once are "much slower" than one above both bounds: a ratio, and a floor for noise. */
const SLOWDOWN_RATIO = 2.5
const SLOWDOWN_FLOOR_MS = 200

/** "rate limited after 12 requests in 0.4 s: …", said wherever a 429 came. */
function rateLimitSentence(ev: CheckEvidence): string | null {
  const r = ev.rateLimited
  if (!r) return null
  const n = `${r.before} request${r.before === 1 ? '' : 's'}`
  const retry = r.retry
    ? ` The check waited ${formatSeconds(r.waitedMs)} as Retry-After asked; the retry got ${describeAnswer(answerOf(r.retry))}.`
    : ''
  return `Rate limited after ${n} in ${formatSeconds(r.atMs)}: site users saving together will see ProtocolErrors.${retry}`
}

/**
 * Several saves at once: a site has many users saving together, and an endpoint that serves one
 * request at a time (or rate limits) makes each of them wait or fail. The check sends a few
 * inserts at once and compares their p95 with the single inserts'; capacity measures more.
 */
export function judgeConcurrency(ev: CheckEvidence): CheckItem {
  const limited = rateLimitSentence(ev)
  const rateEvidence = ev.rateLimited
    ? [
        exchangeEvidence('rate limited', ev.rateLimited.exchange),
        ...(ev.rateLimited.retry ? [exchangeEvidence('retry', ev.rateLimited.retry)] : [])
      ]
    : []
  const rateExchanges = ev.rateLimited
    ? [ev.rateLimited.exchange, ...(ev.rateLimited.retry ? [ev.rateLimited.retry] : [])]
    : []
  const batch = ev.concurrent
  const evidence = [
    ...rateEvidence,
    ...batch.map((ex, i) => exchangeEvidence(`at once #${i + 1}`, ex))
  ]
  const exchanges = [...rateExchanges, ...batch]
  if (limited) return item(ID, TITLE, 'warn', limited, evidence, exchanges)
  if (batch.length === 0) {
    return notRun(ID, TITLE, ev.stopped ?? 'it needs an insert answered 2xx first')
  }
  const failed = batch.filter((ex) => answerOf(ex).kind !== 'accepted')
  if (failed.length > 0) {
    const got = [...new Set(failed.map((ex) => describeAnswer(answerOf(ex))))].join(', ')
    return item(
      ID,
      TITLE,
      'warn',
      `Of ${batch.length} saves at once, ${failed.length} got ${got}: site users saving together will see ProtocolErrors. Run \`hook-inspector capacity\`.`,
      evidence,
      exchanges
    )
  }
  const single = percentile(
    ev.samples.insert
      .filter((ex) => answerOf(ex).kind === 'accepted')
      .map((ex) => ex.timings.totalMs),
    95
  )
  const together = percentile(
    batch.map((ex) => ex.timings.totalMs),
    95
  )!
  const figures = `${batch.length} saves at once took ${formatSeconds(together)} each vs ${formatSeconds(single ?? 0)} alone`
  const lines = [
    ...evidence,
    `p95: ${Math.round(together)} ms at once, ${Math.round(single ?? 0)} ms alone`
  ]
  if (single !== null && together > SLOWDOWN_RATIO * single && together > SLOWDOWN_FLOOR_MS) {
    return item(
      ID,
      TITLE,
      'warn',
      `${figures}: the endpoint serves one request at a time. Run \`hook-inspector capacity\`.`,
      lines,
      exchanges
    )
  }
  return item(ID, TITLE, 'pass', `${figures}.`, lines, exchanges)
}
