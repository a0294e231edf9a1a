import { request } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import type { Capture, Exchange } from '@shared/schemas'
import { buildEventBody } from '@shared/trialkit'
import { closedPort } from '../../helpers/peers'
import { startEndpoint, type Endpoint } from '../../helpers/endpoint'

let engine: Engine
let receiverUrl: string
let target: Endpoint
let delayMs = 0
const arrived: { method: string; url: string; headers: Record<string, unknown>; body: string }[] =
  []

beforeAll(async () => {
  engine = await createHeadlessEngine({ dataDir: null, receiverOverrides: { port: 0 } })
  receiverUrl = engine.receiverStatus().url!
  target = await startEndpoint((req, body, res) => {
    arrived.push({ method: req.method!, url: req.url!, headers: req.headers, body })
    setTimeout(() => {
      res
        .writeHead(202, {
          'Content-Type': 'application/json',
          'X-Target': 'real',
          Connection: 'keep-alive'
        })
        .end('{"accepted":"yes"}')
    }, delayMs)
  })
})
afterAll(async () => {
  await engine.close()
  await target.close()
})
beforeEach(() => {
  delayMs = 0
})

async function forwardTo(url: string, patch: Partial<typeof HEALTHY_BEHAVIOR> = {}): Promise<void> {
  await engine.setBehavior({ ...HEALTHY_BEHAVIOR, ...patch, forwardTo: url })
}

async function entries(): Promise<{ captures: Capture[]; exchanges: Exchange[] }> {
  const all = await engine.listHistory({ limit: 1000 })
  return {
    captures: all.filter((e): e is Capture => e.type === 'capture'),
    exchanges: all.filter((e): e is Exchange => e.type === 'exchange')
  }
}

function fire(timeoutSeconds = 5): Promise<Exchange> {
  return engine.fire({
    hook: {
      name: 'TrialKit',
      url: `${receiverUrl}hooks/trialkit?study=4`,
      email: 'a@b.c',
      password: 'pw',
      timeoutSeconds
    },
    event: 'insert'
  })
}

describe('forwarding', () => {
  it('passes the target’s answer back and records both legs, linked', async () => {
    await forwardTo(`${target.url}`)
    const caller = await fire()
    expect(caller.error).toBeNull()
    expect(caller.response?.status).toBe(202)
    expect(Buffer.from(caller.response!.bodyBase64, 'base64').toString()).toBe('{"accepted":"yes"}')
    expect(caller.response?.headers).toContainEqual(['X-Target', 'real'])
    expect(
      caller.response?.headers.some(([n, v]) => n === 'Connection' && v === 'keep-alive')
    ).toBe(false)

    const got = arrived.at(-1)!
    expect(got.method).toBe('POST')
    expect(got.url).toBe('/hook/hooks/trialkit?study=4')
    expect(got.body).toBe(buildEventBody('insert'))
    expect(got.headers.authorization).toBe(`Basic ${Buffer.from('a@b.c:pw').toString('base64')}`)

    const { captures, exchanges } = await entries()
    const capture = captures.find((c) => c.exchangeId === caller.id)!
    expect(capture.forward).toMatchObject({
      url: `${target.url}/hooks/trialkit?study=4`,
      error: null
    })
    expect(capture.response.status).toBe(202)
    const leg = exchanges.find((e) => e.id === capture.forward!.exchangeId)!
    expect(leg).toMatchObject({ origin: 'forward', forwardOf: capture.id, error: null })
  })

  it('waits for a slow target, and the caller’s timeout still applies on top', async () => {
    await forwardTo(target.url)
    delayMs = 400
    const ok = await fire(2)
    expect(ok.error).toBeNull()
    expect(ok.timings.totalMs).toBeGreaterThanOrEqual(400)
    delayMs = 1500
    const late = await fire(1)
    expect(late.error?.kind).toBe('timeout')
  })

  it('answers 502 saying why when the target is down, and the capture says so too', async () => {
    const port = await closedPort()
    await forwardTo(`http://127.0.0.1:${port}/hook`)
    const caller = await fire()
    expect(caller.error?.kind).toBe('http-status')
    expect(caller.response?.status).toBe(502)
    const body = JSON.parse(Buffer.from(caller.response!.bodyBase64, 'base64').toString())
    expect(body.message).toMatch(/connection-refused/)
    const { captures } = await entries()
    const capture = captures.find((c) => c.exchangeId === caller.id)!
    expect(capture.forward?.error).toMatch(/The target did not answer \(connection-refused/)
    expect(capture.response.status).toBe(502)
  })

  it('adds the behaviour’s delay on top of the target’s answer', async () => {
    await forwardTo(target.url, { delay: { minMs: 300, maxMs: 300 } })
    const caller = await fire()
    expect(caller.error).toBeNull()
    expect(caller.response?.status).toBe(202)
    expect(caller.timings.totalMs).toBeGreaterThanOrEqual(300)
    const { captures } = await entries()
    const capture = captures.find((c) => c.exchangeId === caller.id)!
    expect(capture.response.delayMs).toBe(300)
    expect(capture.forward?.error).toBeNull()
  })

  it('keeps the behaviour’s fault on top, and refuses to forward to itself', async () => {
    await forwardTo(target.url, { fault: 'reset' })
    const reset = await fire()
    expect(reset.error?.kind).toBe('connection-reset')

    await forwardTo(`${receiverUrl}loop`)
    const loop = await fire()
    expect(loop.response?.status).toBe(502)
    const { captures } = await entries()
    expect(captures.find((c) => c.exchangeId === loop.id)?.forward?.error).toMatch(/would loop/)
  })

  it('refuses a forwarding URL that is not absolute http(s)', async () => {
    await expect(
      engine.setBehavior({ ...HEALTHY_BEHAVIOR, forwardTo: 'ftp://x/' })
    ).rejects.toThrow(/forwardTo: must be an absolute http/)
    await engine.setBehavior({ ...HEALTHY_BEHAVIOR, forwardTo: null })
    const plain = await new Promise<number>((resolve, reject) => {
      const req = request(`${receiverUrl}x`, { method: 'POST' }, (res) => {
        res.resume()
        resolve(res.statusCode!)
      })
      req.on('error', reject)
      req.end('{}')
    })
    expect(plain).toBe(200)
  })
})
