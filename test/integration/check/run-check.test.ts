import { describe, expect, it } from 'vitest'
import type { CheckItem, CheckReport } from '@shared/check'
import { MAX_CHECK_REQUESTS } from '@main/engine/check/run-check'
import { RATE_LIMIT_RETRIES } from '@shared/check'
import { buildEventBody } from '@shared/trialkit'
import { closedPort } from '../../helpers/peers'
import { useCheckHarness } from './check-harness'
import { CREDENTIALS, good } from '../../helpers/endpoint'

const { engine, serve, check } = useCheckHarness({ timeoutSeconds: 2 })

function statuses(report: CheckReport): Record<string, CheckItem['status']> {
  return Object.fromEntries(report.items.map((i) => [i.id, i.status]))
}

describe('readiness check', () => {
  it('passes a good endpoint with credentials, and every exchange is in the history', async () => {
    const endpoint = await serve(good)
    const report = await check(endpoint.url, CREDENTIALS)
    expect(statuses(report)).toEqual({
      insert: 'pass',
      update: 'pass',
      review: 'pass',
      latency: 'pass',
      concurrency: 'pass',
      credentials: 'pass',
      idempotency: 'pass',
      'lock-broken': 'pass',
      'extra-keys': 'pass',
      'bad-input': 'pass',
      'alive-after-bad-input': 'pass',
      tls: 'skip'
    })
    expect(report.verdict).toBe('pass')
    // Everything but the TLS repeat, the trailing-slash call and the retries after a 429.
    expect(report.requestsSent).toBe(MAX_CHECK_REQUESTS - 2 - RATE_LIMIT_RETRIES)
    expect(endpoint.hits()).toBe(report.requestsSent)
    const history = await engine().listHistory({ limit: 100 })
    const ids = new Set(history.map((e) => e.id))
    for (const id of report.items.flatMap((i) => i.exchangeIds)) expect(ids.has(id)).toBe(true)
    const exchange = history.find((e) => e.id === report.items[0]!.exchangeIds[0])
    expect(exchange).toMatchObject({ type: 'exchange', origin: 'check', event: 'insert' })
  })

  it('warns when p95 is above half the timeout', async () => {
    const endpoint = await serve((req, body, res) => {
      setTimeout(() => good(req, body, res), 600)
    })
    const report = await check(endpoint.url, { ...CREDENTIALS, timeoutSeconds: 1 })
    const latency = report.items.find((i) => i.id === 'latency')!
    expect(latency.status).toBe('warn')
    expect(latency.summary).toMatch(/p95 is above half the timeout/)
    expect(report.verdict).toBe('warn')
  }, 30_000)

  it('warns when the endpoint accepts wrong credentials and none', async () => {
    const endpoint = await serve((_req, _body, res) => res.writeHead(200).end('{}'))
    const report = await check(endpoint.url, CREDENTIALS)
    const creds = report.items.find((i) => i.id === 'credentials')!
    expect(creds.status).toBe('warn')
    expect(creds.summary).toMatch(/accepts wrong ones and none/)
    expect(statuses(report)['bad-input']).toBe('warn')
  })

  it('fails when the right credentials are refused', async () => {
    const endpoint = await serve(good)
    const report = await check(endpoint.url, { email: 'study@example.org', password: 'other' })
    expect(statuses(report)).toMatchObject({ insert: 'fail', credentials: 'fail' })
    expect(report.verdict).toBe('fail')
  })

  it('fails an endpoint that answers 5xx to malformed input', async () => {
    const endpoint = await serve((_req, body, res) => {
      try {
        JSON.parse(body)
        res.writeHead(200).end('{}')
      } catch {
        res.writeHead(500).end('crash')
      }
    })
    const report = await check(endpoint.url)
    const bad = report.items.find((i) => i.id === 'bad-input')!
    expect(bad.status).toBe('fail')
    expect(bad.evidence.join('\n')).toMatch(/malformed JSON: HTTP 500/)
    expect(statuses(report).credentials).toBe('skip')
  })

  it('stops after one timeout against a hanging endpoint', async () => {
    const endpoint = await serve(() => {})
    const started = Date.now()
    const report = await check(endpoint.url, { timeoutSeconds: 1 })
    expect(Date.now() - started).toBeLessThan(5000)
    expect(report.requestsSent).toBe(1)
    expect(statuses(report)).toMatchObject({
      insert: 'fail',
      update: 'not-run',
      review: 'not-run',
      latency: 'fail'
    })
    const update = report.items.find((i) => i.id === 'update')!
    expect(update.summary).toMatch(/^Not run: .*did not answer within 1 s/)
    expect(update.reason).toMatch(/did not answer within 1 s/)
    expect(report.verdict).toBe('fail')
  })

  it('sends one request when nothing listens', async () => {
    const port = await closedPort()
    const report = await check(`http://127.0.0.1:${port}/hook`)
    expect(report.requestsSent).toBe(1)
    expect(report.items[0]!.evidence[0]).toMatch(/connection-refused/)
    expect(report.verdict).toBe('fail')
    // Only the item that ran fails; the rest could not run, and say why.
    const failed = report.items.filter((i) => i.status === 'fail').map((i) => i.id)
    expect(failed).toEqual(['insert'])
    const notRun = report.items.filter((i) => i.status === 'not-run')
    expect(notRun.map((i) => i.id)).toEqual([
      'update',
      'review',
      'latency',
      'concurrency',
      'idempotency',
      'lock-broken',
      'extra-keys',
      'bad-input',
      'alive-after-bad-input'
    ])
    for (const i of notRun) expect(i.reason).toMatch(/ECONNREFUSED|refused/)
  })

  it('fails a self-signed certificate and still checks the rest', async () => {
    const endpoint = await serve(good, { tls: true })
    const report = await check(endpoint.url.replace('127.0.0.1', 'localhost'), CREDENTIALS)
    const tls = report.items.find((i) => i.id === 'tls')!
    expect(tls.status).toBe('fail')
    expect(tls.summary).toMatch(/^The certificate is self-signed: TrialKit will refuse it/)
    expect(statuses(report)).toMatchObject({ insert: 'pass', review: 'pass', credentials: 'pass' })
    expect(statuses(report)['bad-input']).toBe('pass')
    // Everything but the trailing-slash call and the retries after a 429.
    expect(report.requestsSent).toBe(MAX_CHECK_REQUESTS - 1 - RATE_LIMIT_RETRIES)
  })

  it('warns when the same insert sent twice gets 200, then 500, and names both', async () => {
    let inserts = 0
    const endpoint = await serve((req, body, res) => {
      const plainInsert = body === buildEventBody('insert')
      if (plainInsert && req.headers.authorization !== undefined) inserts += 1
      if (plainInsert && inserts === 2) {
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('duplicate key trans_id=436')
        return
      }
      good(req, body, res)
    })
    const report = await check(endpoint.url, CREDENTIALS)
    const idempotency = report.items.find((i) => i.id === 'idempotency')!
    expect(idempotency.status).toBe('warn')
    expect(idempotency.summary).toMatch(
      /^Two inserts with the same trans_id got different answers \(HTTP 200 the first time, HTTP 500 the second\): .*handle repeats\.$/
    )
    expect(idempotency.evidence).toEqual([
      expect.stringMatching(/^insert #1: HTTP 200 in \d+ ms; body: \{"ok":true\}$/),
      expect.stringMatching(
        /^insert #2: HTTP 500, http-status after \d+ ms — HTTP 500 Internal Server Error; body: duplicate key trans_id=436$/
      )
    ])
    // The two exchanges it names are the first two inserts, in the history.
    const insert = report.items.find((i) => i.id === 'insert')!
    expect(idempotency.exchangeIds).toEqual(insert.exchangeIds.slice(0, 2))
    expect(insert.status).toBe('fail')
    expect(report.verdict).toBe('fail')
  })

  it('passes idempotency when both inserts get the same 200 and body', async () => {
    const endpoint = await serve(good)
    const report = await check(endpoint.url, CREDENTIALS)
    expect(report.items.find((i) => i.id === 'idempotency')).toMatchObject({
      status: 'pass',
      summary: 'Two inserts with the same trans_id got the same answer.'
    })
  })

  it('fails a URL TrialKit cannot call without sending anything', async () => {
    const report = await check('ftp://example.org/hook')
    expect(report.requestsSent).toBe(0)
    expect(report.items).toHaveLength(1)
    expect(report.items[0]).toMatchObject({ id: 'url', status: 'fail' })
  })
})
