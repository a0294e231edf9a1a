import { describe, expect, it } from 'vitest'
import type { CheckItem, CheckReport } from '@shared/check'
import { useCheckHarness } from './check-harness'
import { CREDENTIALS, good, type Handler } from '../../helpers/endpoint'

/**
 * What the check cannot see one request at a time: an endpoint that serves one request at a time,
 * and one that rate limits. One loopback server per fault.
 */

const { serve, check } = useCheckHarness({ timeoutSeconds: 5, ...CREDENTIALS })

function itemOf(report: CheckReport, id: string): CheckItem {
  const found = report.items.find((i) => i.id === id)
  expect(found, id).toBeDefined()
  return found!
}

/** Answers as `good` does, one request at a time, each taking `ms`. */
function oneAtATime(ms: number): Handler {
  let queue = Promise.resolve()
  return (req, body, res) => {
    queue = queue.then(
      () =>
        new Promise<void>((resolve) => {
          setTimeout(() => {
            good(req, body, res)
            resolve()
          }, ms)
        })
    )
  }
}

describe('several saves at once', () => {
  it('warns when an endpoint serves one request at a time', async () => {
    const endpoint = await serve(oneAtATime(250))
    const report = await check(endpoint.url)
    const c = itemOf(report, 'concurrency')
    expect(c.status).toBe('warn')
    expect(c.summary).toMatch(
      /^4 saves at once took \d+(\.\d+)? s each vs 0\.\d+ s alone: the endpoint serves one request at a time\. Run `hook-inspector capacity`\.$/
    )
    expect(c.exchangeIds).toHaveLength(4)
    expect(c.evidence.at(-1)).toMatch(/^p95: \d+ ms at once, \d+ ms alone$/)
    expect(itemOf(report, 'insert').status).toBe('pass')
  }, 60_000)

  it('passes an endpoint that answers saves at once as fast as one', async () => {
    const endpoint = await serve(good)
    const c = itemOf(await check(endpoint.url), 'concurrency')
    expect(c.status).toBe('pass')
    expect(c.summary).toMatch(
      /^4 saves at once took \d+ ms|^4 saves at once took [\d.]+ s each vs [\d.]+ s alone\.$/
    )
  })

  it('names rate limiting, waits its Retry-After and retries once', async () => {
    let n = 0
    const endpoint = await serve((req, body, res) => {
      n += 1
      if (n === 5) {
        res.writeHead(429, { 'Retry-After': '1' }).end('{"error":"too many requests"}')
        return
      }
      good(req, body, res)
    })
    const report = await check(endpoint.url)
    const c = itemOf(report, 'concurrency')
    expect(c.status).toBe('warn')
    expect(c.summary).toMatch(
      /^Rate limited after 4 requests in \d+(\.\d+)? s: site users saving together will see ProtocolErrors\. The check waited 1\.0 s as Retry-After asked; the retry got HTTP 200\.$/
    )
    expect(c.evidence[0]).toMatch(
      /^rate limited: HTTP 429, http-status after \d+ ms — HTTP 429 Too Many Requests; body: \{"error":"too many requests"\}$/
    )
    // The retried request is what its item judged: a 429 is no refusal of anything.
    expect(report.items.filter((i) => i.status === 'fail')).toEqual([])
  }, 60_000)
})
