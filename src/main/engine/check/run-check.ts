import {
  LATENCY_SAMPLES,
  MAX_CHECK_REQUESTS,
  type CheckItem,
  type CheckReport,
  type CheckStatus
} from '../../../shared/check'
import type { Exchange } from '../../../shared/schemas'
import { buildEventBody, HOOK_EVENTS, type HookEvent } from '../../../shared/trialkit'
import { checkHookUrl } from '../../../shared/wire-request'
import type { FireHook, Send } from '../ports'
import { bodyText, exchangeEvidence, statusOf } from './describe-exchange'
import { percentile } from './percentiles'

export { LATENCY_SAMPLES, MAX_CHECK_REQUESTS }

/** What the check fires; a malformed body is cut short so it is not valid JSON. */
export const MALFORMED_BODY = '{"trans_id":"436","form_id":"319","form_name":'
export const UNKNOWN_BODY = '{"hello":"world"}'

export interface CheckOptions {
  url: string
  email: string
  password: string
  timeoutSeconds: number
}

export type { Send }

/** Kinds after which sending more requests tells nothing new. */
const UNREACHABLE = new Set(['connection-refused', 'dns', 'invalid-url'])
const SELF_SIGNED =
  /SELF_SIGNED|self[- ]signed|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/

function ok(ex: Exchange): boolean {
  return ex.error === null
}

function item(
  id: string,
  title: string,
  status: CheckStatus,
  summary: string,
  evidence: string[] = [],
  exchanges: Exchange[] = []
): CheckItem {
  return { id, title, status, summary, evidence, exchangeIds: exchanges.map((e) => e.id) }
}

const EVENT_TITLES: Record<HookEvent, string> = {
  insert: 'Insert answered 2xx in time',
  update: 'Update answered 2xx in time',
  review: 'Review answered 2xx in time'
}

function verdictOf(items: readonly CheckItem[]): CheckReport['verdict'] {
  if (items.some((i) => i.status === 'fail')) return 'fail'
  if (items.some((i) => i.status === 'warn')) return 'warn'
  return 'pass'
}

/**
 * The readiness check: will this endpoint survive TrialKit? It plays each event a few times, then
 * probes credentials, idempotency and bad input, and judges each as pass / warn / fail with the
 * exchanges as evidence. It stops early when the endpoint cannot be reached or hangs, so a dead
 * endpoint costs one request and a hanging one a single timeout, never MAX_CHECK_REQUESTS of them.
 */
export async function runReadinessCheck(options: CheckOptions, send: Send): Promise<CheckReport> {
  const startedAt = new Date().toISOString()
  const timeoutMs = options.timeoutSeconds * 1000
  const items: CheckItem[] = []
  let sent = 0
  let stopped: string | null = null
  const https = /^https:/i.test(options.url.trim())
  let insecureTls = false
  let tlsItem: CheckItem | null = null

  const hook = (overrides: Partial<FireHook> = {}): FireHook => ({
    name: 'Readiness check',
    url: options.url,
    email: options.email,
    password: options.password,
    timeoutSeconds: options.timeoutSeconds,
    insecureTls,
    enabled: true,
    ...overrides
  })
  const fire = async (
    event: HookEvent,
    body: string,
    overrides: Partial<FireHook> = {}
  ): Promise<Exchange | null> => {
    if (stopped !== null || sent >= MAX_CHECK_REQUESTS) return null
    sent += 1
    const ex = await send({ hook: hook(overrides), event, body, origin: 'check' })
    if (ex.error && UNREACHABLE.has(ex.error.kind)) {
      stopped = `not run: ${ex.error.message}`
    } else if (ex.error?.kind === 'timeout') {
      stopped = `not run: the endpoint did not answer within ${options.timeoutSeconds} s, so no more requests were sent`
    }
    return ex
  }

  const finish = (): CheckReport => ({
    url: options.url,
    startedAt,
    finishedAt: new Date().toISOString(),
    timeoutMs,
    requestsSent: sent,
    verdict: verdictOf(items),
    items
  })

  const url = checkHookUrl(options.url)
  if (!url.ok) {
    items.push(item('url', 'URL is one TrialKit can call', 'fail', url.message))
    return finish()
  }

  // The first call also tells whether TLS holds; with a self-signed certificate the rest of the
  // check goes on without verification so that it still says something about the endpoint.
  const samples: Record<HookEvent, Exchange[]> = { insert: [], update: [], review: [] }
  let first = await fire('insert', buildEventBody('insert'))
  if (first && https && first.error?.kind === 'tls') {
    if (SELF_SIGNED.test(first.error.message)) {
      tlsItem = item(
        'tls',
        'Valid TLS certificate',
        'warn',
        'The certificate is self-signed: TrialKit will refuse it. The rest of the check ran without verifying it.',
        [exchangeEvidence('insert', first)],
        [first]
      )
      insecureTls = true
      first = await fire('insert', buildEventBody('insert'))
    } else {
      tlsItem = item(
        'tls',
        'Valid TLS certificate',
        'fail',
        'The TLS handshake failed, so TrialKit cannot call this endpoint.',
        [exchangeEvidence('insert', first)],
        [first]
      )
      stopped = 'not run: the TLS handshake failed'
    }
  }
  if (first && !(tlsItem && tlsItem.status === 'fail')) samples.insert.push(first)

  for (const event of HOOK_EVENTS) {
    // One failure is enough evidence for an event; more samples are only for the latency.
    while (samples[event].length < LATENCY_SAMPLES && samples[event].every(ok)) {
      const ex = await fire(event, buildEventBody(event))
      if (!ex) break
      samples[event].push(ex)
      if (!ok(ex)) break
    }
  }

  // 1. Each event answered 2xx within the timeout.
  for (const event of HOOK_EVENTS) {
    const list = samples[event]
    const evidence = list.map((ex, i) => exchangeEvidence(`${event} #${i + 1}`, ex))
    const failed = list.find((ex) => !ok(ex))
    if (list.length === 0) {
      const why = tlsItem?.status === 'fail' ? 'not run: the TLS handshake failed' : stopped
      items.push(item(event, EVENT_TITLES[event], 'fail', why ?? 'not run', evidence, list))
    } else if (failed) {
      const summary =
        failed.error?.kind === 'http-status'
          ? `Answered HTTP ${failed.response?.status}: the TrialKit user sees a ProtocolError.`
          : `${failed.error?.kind}: the TrialKit user sees a ProtocolError.`
      items.push(item(event, EVENT_TITLES[event], 'fail', summary, evidence, list))
    } else {
      const n = list.length
      items.push(
        item(
          event,
          EVENT_TITLES[event],
          'pass',
          `${n} of ${n} answered 2xx in time.`,
          evidence,
          list
        )
      )
    }
  }

  // 2. Latency over the complete answers.
  const answered = HOOK_EVENTS.flatMap((e) => samples[e]).filter((ex) => statusOf(ex) !== null)
  const times = answered.map((ex) => ex.timings.totalMs)
  const p50 = percentile(times, 50)
  const p95 = percentile(times, 95)
  if (p50 === null || p95 === null) {
    items.push(
      item('latency', 'Answers fast enough', 'fail', stopped ?? 'No complete answer to time.')
    )
  } else {
    const figures = `p50 ${Math.round(p50)} ms, p95 ${Math.round(p95)} ms over ${times.length} calls (timeout ${options.timeoutSeconds} s)`
    const slow = p95 > timeoutMs / 2
    items.push(
      item(
        'latency',
        'Answers fast enough',
        slow ? 'warn' : 'pass',
        slow
          ? `${figures}: p95 is above half the timeout, and the TrialKit user is blocked while it runs.`
          : `${figures}.`,
        answered.map((ex) => exchangeEvidence(ex.event, ex)),
        answered
      )
    )
  }

  // 3. Credentials: right ones accepted, wrong ones and none refused.
  if (options.email === '') {
    items.push(
      item(
        'credentials',
        'Credentials checked',
        'skip',
        'No credentials given: TrialKit sends none either. Give an email and password to check them.'
      )
    )
  } else {
    const rightRefused = samples.insert.find((ex) => [401, 403].includes(statusOf(ex) ?? 0))
    const wrong = await fire('insert', buildEventBody('insert'), {
      password: `${options.password}-wrong`
    })
    const none = await fire('insert', buildEventBody('insert'), { email: '', password: '' })
    const probes = [wrong, none].filter((ex): ex is Exchange => ex !== null)
    const evidence = [
      ...(wrong ? [exchangeEvidence('wrong password', wrong)] : []),
      ...(none ? [exchangeEvidence('no credentials', none)] : [])
    ]
    const refused = (ex: Exchange): boolean => [401, 403].includes(statusOf(ex) ?? 0)
    if (rightRefused) {
      items.push(
        item(
          'credentials',
          'Credentials checked',
          'fail',
          `The right credentials were refused (HTTP ${rightRefused.response?.status}).`,
          [exchangeEvidence('right credentials', rightRefused), ...evidence],
          [rightRefused, ...probes]
        )
      )
    } else if (!wrong || !none) {
      items.push(
        item('credentials', 'Credentials checked', 'fail', stopped ?? 'not run', evidence, probes)
      )
    } else if (refused(wrong) && refused(none)) {
      items.push(
        item(
          'credentials',
          'Credentials checked',
          'pass',
          'The right credentials are accepted; wrong ones and none are refused.',
          evidence,
          probes
        )
      )
    } else {
      const accepted = [refused(wrong) ? null : 'wrong ones', refused(none) ? null : 'none']
        .filter(Boolean)
        .join(' and ')
      items.push(
        item(
          'credentials',
          'Credentials checked',
          'warn',
          `It accepts ${accepted}: credentials are optional in TrialKit, but then they protect nothing.`,
          evidence,
          probes
        )
      )
    }
  }

  // 4. The same event twice is answered the same way (the inserts share one trans_id).
  const [a, b] = samples.insert
  if (!a || !b) {
    items.push(
      item(
        'idempotency',
        'Same event twice, same answer',
        'skip',
        stopped ?? 'Needs two answered inserts.'
      )
    )
  } else {
    const same = statusOf(a) === statusOf(b) && bodyText(a) === bodyText(b)
    items.push(
      item(
        'idempotency',
        'Same event twice, same answer',
        same ? 'pass' : 'warn',
        same
          ? 'Two inserts with the same trans_id got the same answer.'
          : 'Two inserts with the same trans_id got different answers: TrialKit may send an event again (e.g. after a timeout), so handle repeats.',
        [exchangeEvidence('insert #1', a), exchangeEvidence('insert #2', b)],
        [a, b]
      )
    )
  }

  // 5. Malformed and unknown bodies get a 4xx, not a 5xx, a hang or a reset.
  const malformed = await fire('insert', MALFORMED_BODY)
  const unknown = await fire('insert', UNKNOWN_BODY)
  const bad = [malformed, unknown].filter((ex): ex is Exchange => ex !== null)
  const badEvidence = [
    ...(malformed ? [exchangeEvidence('malformed JSON', malformed)] : []),
    ...(unknown ? [exchangeEvidence('unknown body', unknown)] : [])
  ]
  const classOf = (ex: Exchange): '4xx' | '2xx' | 'broken' => {
    const s = statusOf(ex)
    if (s !== null && s >= 400 && s < 500) return '4xx'
    if (s !== null && s >= 200 && s < 300) return '2xx'
    return 'broken'
  }
  if (bad.length < 2) {
    items.push(
      item('bad-input', 'Bad input gets a 4xx', 'fail', stopped ?? 'not run', badEvidence, bad)
    )
  } else if (bad.some((ex) => classOf(ex) === 'broken')) {
    items.push(
      item(
        'bad-input',
        'Bad input gets a 4xx',
        'fail',
        'A malformed or unknown body got a 5xx, a hang or a reset instead of a 4xx.',
        badEvidence,
        bad
      )
    )
  } else if (bad.some((ex) => classOf(ex) === '2xx')) {
    items.push(
      item(
        'bad-input',
        'Bad input gets a 4xx',
        'warn',
        'A malformed or unknown body was accepted with a 2xx: a 4xx tells a bad request apart.',
        badEvidence,
        bad
      )
    )
  } else {
    items.push(
      item('bad-input', 'Bad input gets a 4xx', 'pass', 'Both got a 4xx.', badEvidence, bad)
    )
  }

  // 6. TLS.
  if (tlsItem) {
    items.push(tlsItem)
  } else if (!https) {
    items.push(
      item(
        'tls',
        'Valid TLS certificate',
        'skip',
        'A plain http URL: there is no TLS to check (a hook on the internet should use https).'
      )
    )
  } else if (samples.insert.some(ok)) {
    items.push(
      item('tls', 'Valid TLS certificate', 'pass', 'The certificate is valid for this host.')
    )
  } else {
    items.push(
      item('tls', 'Valid TLS certificate', 'skip', stopped ?? 'No TLS connection was made.')
    )
  }

  return finish()
}
