import { describe, expect, it } from 'vitest'
import type { CheckItem, CheckReport } from '@shared/check'
import { useCheckHarness } from './check-harness'
import { CREDENTIALS, good } from '../../helpers/endpoint'

/**
 * Endpoints that refuse every real event the same way, or answer 2xx while saying they failed:
 * one loopback server per fault. The check names one cause, once, and judges nothing on refusals.
 */

const { serve, check } = useCheckHarness({ timeoutSeconds: 3, ...CREDENTIALS })

function itemOf(report: CheckReport, id: string): CheckItem {
  const found = report.items.find((i) => i.id === id)
  expect(found, id).toBeDefined()
  return found!
}

/** The items that need a 2xx to be judged. */
const NEEDS_2XX = [
  'latency',
  'concurrency',
  'idempotency',
  'lock-broken',
  'extra-keys',
  'bad-input',
  'alive-after-bad-input'
]

const MEDIA_TYPE_ERROR = '{"error":"Unsupported Media Type: expected application/json"}'

describe('one cause, said once', () => {
  it('names a 415 for the charset once, with its body and the Content-Type sent', async () => {
    const endpoint = await serve((req, _body, res) => {
      if (req.headers['content-type'] !== 'application/json') {
        res.writeHead(415, { 'Content-Type': 'application/json' }).end(MEDIA_TYPE_ERROR)
        return
      }
      res.writeHead(200).end('{"ok":true}')
    })
    const report = await check(endpoint.url)
    expect(report.rootCause).toEqual({
      summary: `Every event (insert, update, review) got HTTP 415 Unsupported Media Type, answering ${MEDIA_TYPE_ERROR}. It is about the Content-Type TrialKit sends, "application/json; charset=utf-8": the endpoint must accept it as sent (with the charset), since TrialKit cannot change it.`,
      evidence: [
        expect.stringMatching(
          /^insert #1: HTTP 415, http-status after \d+ ms — HTTP 415 Unsupported Media Type; body: \{"error":"Unsupported Media Type: expected application\/json"\}$/
        ),
        expect.stringMatching(/^update #1: HTTP 415, /),
        expect.stringMatching(/^review #1: HTTP 415, /),
        'sent Content-Type: application/json; charset=utf-8'
      ]
    })
    // Nothing is judged on the strength of the refusals, and no probe was sent for them.
    for (const id of NEEDS_2XX) {
      const i = itemOf(report, id)
      expect(i.status, id).toBe('not-run')
      expect(i.summary, id).toBe('Not run: every event got HTTP 415.')
    }
    expect(itemOf(report, 'credentials').summary).toBe('Not run: every event got HTTP 415.')
    expect(report.requestsSent).toBe(3)
    expect(endpoint.hits()).toBe(3)
    expect(report.headline).toBe(
      'Not ready: every real save gets the same refusal (see the root cause).'
    )
    expect(report.counts).toEqual({ pass: 0, warn: 0, fail: 3, notRun: 8, skip: 1 })
    expect(report.verdict).toBe('fail')
  })

  it('tells which URL answers when every event got a 404 without the trailing slash', async () => {
    const endpoint = await serve((req, body, res) => {
      if (req.url === '/hook/') {
        good(req, body, res)
        return
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Cannot POST /hook')
    })
    const report = await check(endpoint.url)
    expect(report.rootCause?.summary).toBe(
      `Every event (insert, update, review) got HTTP 404 Not Found, answering Cannot POST /hook. ${endpoint.url}/ answers HTTP 200: use ${endpoint.url}/ as the hook URL.`
    )
    expect(report.rootCause?.evidence.at(-1)).toMatch(
      new RegExp(`^${endpoint.url}/: HTTP 200 in \\d+ ms; body: \\{"ok":true\\}$`)
    )
    expect(report.requestsSent).toBe(4)
    expect(itemOf(report, 'bad-input').summary).toBe('Not run: every event got HTTP 404.')
  })

  it('says the path is wrong when neither URL answers a 404', async () => {
    const endpoint = await serve((_req, _body, res) => res.writeHead(404).end())
    const report = await check(endpoint.url)
    expect(report.rootCause?.summary).toBe(
      `Every event (insert, update, review) got HTTP 404 Not Found, with an empty body. ${endpoint.url}/ answers HTTP 404 Not Found too: nothing answers at this path, check the hook URL.`
    )
  })

  it('names a 422 to every event as about the body TrialKit sends', async () => {
    const endpoint = await serve((_req, _body, res) => {
      res
        .writeHead(422, { 'Content-Type': 'application/json' })
        .end('{"detail":[{"loc":["body","subject_id"],"msg":"field required"}]}')
    })
    const report = await check(endpoint.url)
    expect(report.rootCause?.summary).toBe(
      'Every event (insert, update, review) got HTTP 422 Unprocessable Entity, answering {"detail":[{"loc":["body","subject_id"],"msg":"field required"}]}. It is about the body TrialKit sends ({"trans_id":"436","form_id":"319","form_name":"Sample Form",…): TrialKit\'s events are fixed, so the endpoint must accept them as sent.'
    )
    expect(itemOf(report, 'latency')).toMatchObject({
      status: 'not-run',
      summary: 'Not run: every event got HTTP 422.'
    })
  })

  it('names a 429 to every event as rate limiting, never as a refusal', async () => {
    const endpoint = await serve((_req, _body, res) => {
      res
        .writeHead(429, { 'Retry-After': '1', 'Content-Type': 'application/json' })
        .end('{"error":"rate limited"}')
    })
    const report = await check(endpoint.url)
    expect(report.rootCause?.summary).toBe(
      'Every event (insert, update, review) got HTTP 429 Too Many Requests, answering {"error":"rate limited"}. The endpoint is rate limiting (Retry-After: 1): site users saving together will see ProtocolErrors.'
    )
    // Two of them were retried after the Retry-After, and got the same.
    expect(report.requestsSent).toBe(5)
    expect(itemOf(report, 'credentials').summary).toBe('Not run: every event got HTTP 429.')
    expect(itemOf(report, 'lock-broken').summary).toBe('Not run: every event got HTTP 429.')
  })

  it('has no root cause when events got different answers', async () => {
    const endpoint = await serve(good)
    const report = await check(endpoint.url)
    expect(report.rootCause).toBeNull()
    expect(report.headline).toBe('Ready for TrialKit.')
    expect(report.counts).toEqual({ pass: 11, warn: 0, fail: 0, notRun: 0, skip: 1 })
  })

  it('tells real saves apart from a failed robustness probe in the headline', async () => {
    const endpoint = await serve((req, body, res) => {
      if (
        body.startsWith('{"trans_id":"436","form_id":"319","form_name":') &&
        !body.endsWith('}')
      ) {
        res.writeHead(500).end('Traceback (most recent call last)')
        return
      }
      good(req, body, res)
    })
    const report = await check(endpoint.url)
    expect(report.verdict).toBe('fail')
    expect(report.headline).toBe(
      'Real saves (insert, update, review) pass; robustness problems: Bad input gets a 4xx.'
    )
  })
})

describe('a 2xx that says error', () => {
  it('warns on a 200 whose body says the save failed', async () => {
    const endpoint = await serve((req, body, res) => {
      if (body.includes('"OnUpdate":true')) {
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end('{"status":"error","message":"subject not found"}')
        return
      }
      good(req, body, res)
    })
    const report = await check(endpoint.url)
    const update = itemOf(report, 'update')
    expect(update).toEqual({
      id: 'update',
      title: 'Update answered 2xx in time',
      status: 'warn',
      summary:
        'Update #1 answered 200, but its body says `subject not found`: TrialKit shows the user a saved record, and nobody sees the failure.',
      evidence: [
        expect.stringMatching(
          /^update #1: HTTP 200 in \d+ ms; body: \{"status":"error","message":"subject not found"\}$/
        ),
        expect.stringMatching(/^update #2: HTTP 200 in \d+ ms; body: /),
        expect.stringMatching(/^update #3: HTTP 200 in \d+ ms; body: /)
      ],
      exchangeIds: [expect.any(String), expect.any(String), expect.any(String)]
    })
    expect(itemOf(report, 'insert').status).toBe('pass')
    expect(report.verdict).toBe('warn')
    expect(report.counts.warn).toBe(1)
  })
})
