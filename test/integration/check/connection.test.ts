import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import type { CheckItem, CheckReport } from '@shared/check'
import { closedPort } from '../../helpers/peers'
import { skipNote } from '../../helpers/skip-note'
import { useCheckHarness } from './check-harness'
import {
  CREDENTIALS,
  good,
  startEndpoint,
  type Endpoint,
  type Handler
} from '../../helpers/endpoint'

/**
 * Connection failures as they really happen, one loopback server per fault: the check names the
 * address tried, tells an endpoint that went down mid-run from one that never listened, and an
 * answer whose body never completed from no answer.
 */

const { serve, check } = useCheckHarness({ timeoutSeconds: 2, ...CREDENTIALS })

function itemOf(report: CheckReport, id: string): CheckItem {
  const found = report.items.find((i) => i.id === id)
  expect(found, id).toBeDefined()
  return found!
}

/** Whether this machine can listen on ::1. */
async function hasIpv6Loopback(): Promise<boolean> {
  const server = createServer()
  return new Promise((resolve) => {
    server.once('error', () => resolve(false))
    server.listen(0, '::1', () => server.close(() => resolve(true)))
  })
}
const ipv6 = await hasIpv6Loopback()

describe('connection failures say what happened', () => {
  it.runIf(ipv6)(
    `names both addresses of localhost when the endpoint listens on ::1 only${skipNote(ipv6, 'IPv6-only endpoint', 'this machine has no ::1')}`,
    async () => {
      const endpoint = await serve(good, { host: '::1' })
      const port = new URL(endpoint.url).port
      const report = await check(`http://localhost:${port}/hook`)
      const why = `Connection refused at 127.0.0.1:${port}; [::1]:${port} answers: the endpoint listens on IPv6 only`
      expect(itemOf(report, 'insert')).toMatchObject({
        status: 'fail',
        summary: `${why}. The TrialKit user sees a ProtocolError.`
      })
      expect(itemOf(report, 'update')).toMatchObject({ status: 'not-run', reason: why })
      expect(report.requestsSent).toBe(1)
    }
  )

  it('names the address tried when nothing listens', async () => {
    const port = await closedPort()
    const report = await check(`http://127.0.0.1:${port}/hook`)
    expect(itemOf(report, 'latency')).toMatchObject({
      status: 'not-run',
      reason: `Connection refused at 127.0.0.1:${port}: nothing listens on that port`
    })
  })

  it('says an endpoint that stops answering mid-run answered N requests, then refused', async () => {
    let current: Endpoint | null = null
    let n = 0
    const endpoint = await serve((req, body, res) => {
      n += 1
      good(req, body, res)
      if (n === 5) res.on('finish', () => void current?.close())
    })
    current = endpoint
    const report = await check(endpoint.url)
    const why = 'the endpoint answered 5 requests, then refused connections from request 6 on'
    expect(itemOf(report, 'update')).toMatchObject({
      status: 'fail',
      summary: `The endpoint answered 5 requests, then refused connections from request 6 on. The TrialKit user sees a ProtocolError.`
    })
    for (const id of ['review', 'lock-broken', 'bad-input', 'alive-after-bad-input']) {
      const i = itemOf(report, id)
      expect(i.status, id).toBe('not-run')
      expect(i.reason, id).toBe(why)
    }
    expect(JSON.stringify(report)).not.toMatch(/crashed/)
  })

  it('says when an endpoint that went down mid-run is back', async () => {
    let n = 0
    const handler: Handler = (req, body, res) => {
      n += 1
      good(req, body, res)
      if (n === 3) {
        res.on('finish', () => {
          // Down, then restarted on the same port a second later, as a supervisor would.
          const port = Number(new URL(endpoint.url).port)
          void endpoint.close().then(() => {
            setTimeout(() => {
              void startEndpoint(good, { port }).then((again) => {
                restarted = again
              })
            }, 1000)
          })
        })
      }
    }
    let restarted: Endpoint | null = null
    const endpoint = await serve(handler)
    try {
      const report = await check(endpoint.url)
      const review = itemOf(report, 'review')
      expect(review.status).toBe('not-run')
      expect(review.reason).toMatch(
        /^the endpoint answered 3 requests, then refused connections from request 4 on; it was back after about \d+ s$/
      )
    } finally {
      await (restarted as Endpoint | null)?.close()
    }
  })

  it('says headers came but the body never completed, not "no answer"', async () => {
    const endpoint = await serve((_req, _body, res) => {
      res.writeHead(200, { 'Content-Length': '100' })
      res.write('{"ok":')
    })
    const report = await check(endpoint.url, { timeoutSeconds: 1 })
    const insert = itemOf(report, 'insert')
    expect(insert.status).toBe('fail')
    expect(insert.summary).toMatch(
      /^Answered HTTP 200 headers after \d+ ms, but the body never completed; TrialKit gave up at 1 s\. The TrialKit user sees a ProtocolError\.$/
    )
    expect(report.requestsSent).toBe(1)
  })
})
