import {
  CONCURRENT_SAVES,
  LATENCY_SAMPLES,
  MAX_CHECK_REQUESTS,
  RATE_LIMIT_RETRIES,
  type CheckItem,
  type CheckOptions,
  type CheckReport,
  type RootCause
} from '@shared/check'
import { countsOf } from '@shared/check-counts'
import { fireHook } from '@shared/hook-record'
import type { Exchange } from '@shared/schemas'
import { buildEventBody, HOOK_EVENTS, type HookEvent } from '@shared/trialkit'
import { checkHookUrl } from '@shared/wire-request'
import type { FireHook, Send, SendSpec } from '../ports'
import { backAfter, tryAddresses } from './address-probe'
import { answerOf } from './answer'
import { item, type CheckEvidence } from './evidence'
import { judgeAll } from './judge-all'
import { anyAccepted, eventsRefused, redirectOf, redirectReason } from './judge-events'
import { EXTRA_FIELD } from './judge-input'
import { headlineOf, summaryOf } from './report-summary'
import { rootCauseOf, sharedStatus, slashVariant } from './root-cause'
import { readCertificate } from './tls-certificate'

export { LATENCY_SAMPLES, MAX_CHECK_REQUESTS }

/** What the check fires; a malformed body is cut short so it is not valid JSON. */
export const MALFORMED_BODY = '{"trans_id":"436","form_id":"319","form_name":'
export const UNKNOWN_BODY = '{"hello":"world"}'
/** A valid insert with one field TrialKit's docs do not list, as a later TrialKit might send. */
export const EXTRA_KEYS_BODY = buildEventBody('insert').replace(
  /}$/,
  `,"${EXTRA_FIELD}":"sent by a newer TrialKit"}`
)
/** The review TrialKit sends when a locked record was changed. */
export const LOCK_BROKEN_BODY = buildEventBody('review', {
  wf: { wf_lock: true },
  LockBroken: true
})

export type { Send }

/** How long a check watches for an endpoint that went down mid-run to come back. */
const BACK_WITHIN_MS = 3000

/** The longest a check waits on a Retry-After before its one retry. */
const RETRY_AFTER_MAX_MS = 5000

/** What a 429's Retry-After asks for (seconds or an HTTP date), bounded; 1 s when it says nothing. */
export function retryAfterMs(ex: Exchange, now = Date.now()): number {
  const h = ex.response?.headers.find(([n]) => n.toLowerCase() === 'retry-after')?.[1].trim()
  let ms = 1000
  if (h !== undefined && /^\d+$/.test(h)) ms = Number(h) * 1000
  else if (h !== undefined && !Number.isNaN(Date.parse(h))) ms = Date.parse(h) - now
  return Math.min(RETRY_AFTER_MAX_MS, Math.max(0, ms))
}

/** Kinds after which sending more requests tells nothing new. */
const UNREACHABLE = new Set(['connection-refused', 'dns', 'invalid-url'])

/** fail if an item that ran failed; warn if one warned or could not run; else pass. */
export function verdictOf(items: readonly CheckItem[]): CheckReport['verdict'] {
  if (items.some((i) => i.status === 'fail')) return 'fail'
  if (items.some((i) => i.status === 'warn' || i.status === 'not-run')) return 'warn'
  return 'pass'
}

/**
 * The readiness check: will this endpoint survive TrialKit? It plays each event a few times, sends
 * a few inserts at once, then probes credentials, a LockBroken review, an extra field, bad input
 * and whether the endpoint survives it, and judges each as pass / warn / fail (or not-run, with the reason) with the
 * exchanges as evidence. It stops early when the endpoint cannot be reached, hangs or redirects,
 * so a dead endpoint costs one request and a hanging one a single timeout.
 */
export async function runReadinessCheck(options: CheckOptions, send: Send): Promise<CheckReport> {
  const startedAt = new Date().toISOString()
  const timeoutMs = options.timeoutSeconds * 1000
  let sent = 0
  let insecureTls = false
  const ev: CheckEvidence = {
    url: options.url,
    email: options.email,
    password: options.password,
    timeoutSeconds: options.timeoutSeconds,
    slowMs: options.slowMs,
    https: /^https:/i.test(options.url.trim()),
    tls: null,
    samples: { insert: [], update: [], review: [] },
    stopped: null,
    refusedAt: null,
    credentials: { wrong: null, none: null, lowerEmail: null },
    lockBroken: null,
    extraKeys: null,
    malformed: null,
    unknown: null,
    alive: null,
    slashProbe: null,
    concurrent: [],
    rateLimited: null
  }
  const started = Date.now()
  let answered = 0
  let retriesLeft = RATE_LIMIT_RETRIES

  const hook = (overrides: Partial<FireHook> = {}): FireHook =>
    fireHook({
      name: 'Readiness check',
      url: options.url,
      email: options.email,
      password: options.password,
      timeoutSeconds: options.timeoutSeconds,
      insecureTls,
      ...overrides
    })
  const fire = async (
    event: HookEvent,
    body: string,
    probe?: string,
    overrides: Partial<FireHook> = {}
  ): Promise<Exchange | null> => {
    if (ev.stopped !== null || sent >= MAX_CHECK_REQUESTS) return null
    sent += 1
    const index = sent
    const startedMs = Date.now() - started
    const spec: SendSpec = { hook: hook(overrides), event, body, origin: 'check' }
    let ex = await send(probe === undefined ? spec : { ...spec, probe })
    // A 429 is rate limiting, never a refusal: wait what Retry-After asks (bounded), then retry once.
    if (ex.response?.status === 429 && retriesLeft > 0 && sent < MAX_CHECK_REQUESTS) {
      retriesLeft -= 1
      const waitMs = retryAfterMs(ex)
      const limited = { exchange: ex, before: index - 1, atMs: startedMs, waitedMs: waitMs }
      ev.rateLimited ??= { ...limited, retry: null }
      await new Promise((resolve) => setTimeout(resolve, waitMs))
      sent += 1
      const retry = await send({ ...spec, probe: `${probe ?? event}, retried after HTTP 429` })
      if (ev.rateLimited.exchange === ex) ev.rateLimited.retry = retry
      ex = retry
    }
    if (ex.response) answered += 1
    if (ex.error?.kind === 'connection-refused' && answered > 0) {
      // It answered before: it went down during the check, which is not "nothing listens".
      ev.stopped = `the endpoint answered ${answered} request${answered === 1 ? '' : 's'}, then refused connections from request ${index} on`
      const back = await backAfter(options.url.trim(), BACK_WITHIN_MS)
      if (back !== null)
        ev.stopped += `; it was back after about ${Math.max(1, Math.round(back / 1000))} s`
      ev.refusedAt = ev.stopped
    } else if (ex.error?.kind === 'connection-refused') {
      // Name the addresses tried: an endpoint on ::1 only is refused at 127.0.0.1.
      ev.refusedAt = await tryAddresses(options.url.trim(), Math.min(timeoutMs, 2000))
      ev.stopped = ev.refusedAt ?? ex.error.message
    } else if (ex.error && UNREACHABLE.has(ex.error.kind)) {
      ev.stopped = ex.error.message
    } else if (ex.error?.kind === 'timeout') {
      ev.stopped = `the endpoint did not answer within ${options.timeoutSeconds} s, so no more requests were sent`
    }
    return ex
  }

  const finish = (items: CheckItem[], rootCause: RootCause | null = null): CheckReport => {
    const verdict = verdictOf(items)
    const counts = countsOf(items)
    return {
      url: options.url,
      startedAt,
      finishedAt: new Date().toISOString(),
      timeoutMs,
      requestsSent: sent,
      verdict,
      headline: headlineOf(verdict, items, rootCause),
      rootCause,
      counts,
      summary: summaryOf(counts, sent),
      items
    }
  }

  const url = checkHookUrl(options.url)
  if (!url.ok) {
    return finish([item('url', 'URL is one TrialKit can call', 'fail', url.message)])
  }

  // The first call also tells whether TLS holds; with a certificate TrialKit refuses, the rest of
  // the check goes on without verification so that it still says something about the endpoint.
  let first = await fire('insert', buildEventBody('insert'))
  if (first && ev.https && first.error?.kind === 'tls') {
    const certificate = await readCertificate(options.url.trim(), timeoutMs)
    ev.tls = { exchange: first, certificate }
    if (certificate) {
      insecureTls = true
      first = await fire('insert', buildEventBody('insert'))
    } else {
      ev.stopped = 'the TLS handshake failed'
      first = null
    }
  }
  if (first) ev.samples.insert.push(first)

  for (const event of HOOK_EVENTS) {
    // One failure is enough evidence for an event; more samples are only for the latency.
    while (
      ev.samples[event].length < LATENCY_SAMPLES &&
      ev.samples[event].every((ex) => ex.error === null)
    ) {
      const ex = await fire(event, buildEventBody(event))
      if (!ex) break
      ev.samples[event].push(ex)
    }
    const redirect = redirectOf(ev)
    if (redirect && ev.stopped === null) ev.stopped = redirectReason(redirect)
  }

  // One answer to every event is one cause: for a 404, one request tells whether the URL with its
  // trailing slash added (or taken away) is the one that answers.
  if (sharedStatus(ev) === 404) {
    const other = slashVariant(options.url)
    if (other !== null) {
      ev.slashProbe = await fire('insert', buildEventBody('insert'), 'trailing slash', {
        url: other
      })
    }
  }

  const refused = eventsRefused(ev)
  if (ev.email !== '') {
    if (refused) {
      // Everything would be refused alike; one probe tells whether the email's case is the cause.
      if (ev.email !== ev.email.toLowerCase()) {
        ev.credentials.lowerEmail = await fire(
          'insert',
          buildEventBody('insert'),
          'email in lower case',
          {
            email: ev.email.toLowerCase()
          }
        )
      }
    } else if (
      HOOK_EVENTS.some((e) => ev.samples[e].some((x) => answerOf(x).kind === 'accepted'))
    ) {
      ev.credentials.wrong = await fire('insert', buildEventBody('insert'), 'wrong password', {
        password: `${options.password}-wrong`
      })
      ev.credentials.none = await fire('insert', buildEventBody('insert'), 'no credentials', {
        email: '',
        password: ''
      })
    }
  }

  // Several saves at once, as site users make them, after the single-request timings.
  if (!refused && ev.samples.insert.some((x) => answerOf(x).kind === 'accepted')) {
    const batch = await Promise.all(
      Array.from({ length: CONCURRENT_SAVES }, () =>
        fire('insert', buildEventBody('insert'), `${CONCURRENT_SAVES} at once`)
      )
    )
    ev.concurrent = batch.filter((x): x is Exchange => x !== null)
  }

  // Probes need a 2xx to compare against: sent to an endpoint that refuses every event, they would
  // only be refused the same way.
  if (!refused && anyAccepted(ev)) {
    ev.lockBroken = await fire('review', LOCK_BROKEN_BODY, 'LockBroken review')
    ev.extraKeys = await fire('insert', EXTRA_KEYS_BODY, 'extra field')
    ev.malformed = await fire('insert', MALFORMED_BODY, 'bad input: malformed JSON')
    ev.unknown = await fire('insert', UNKNOWN_BODY, 'bad input: unknown body')
    ev.alive = await fire('insert', buildEventBody('insert'), 'after bad input')
  }

  return finish(judgeAll(ev), rootCauseOf(ev))
}
