import { beforeEach, describe, expect, it } from 'vitest'
import { resolveBehavior } from '@main/engine/receiver'
import { behaviorPreset } from '@shared/presets'
import type { Capture } from '@shared/schemas'
import {
  behaviorWith,
  fixture,
  newAgent,
  send,
  startHarness,
  useHarness
} from '../../helpers/receiver-harness'

const fixed = (value: number) => () => value

describe('resolveBehavior (pure)', () => {
  it('returns the behaviour as is when nothing applies', () => {
    const behavior = behaviorWith({ status: 202, body: 'b', headers: [['X-A', '1']] })
    expect(resolveBehavior(behavior, null, fixed(0))).toEqual({
      status: 202,
      headers: [['X-A', '1']],
      body: 'b',
      delayMs: 0,
      fault: 'none'
    })
  })

  it('applies the override of the detected event only', () => {
    const behavior = behaviorWith({
      overrides: { review: { status: 500, body: 'no', delay: { minMs: 7, maxMs: 7 } } }
    })
    expect(resolveBehavior(behavior, 'review', fixed(0))).toMatchObject({
      status: 500,
      body: 'no',
      delayMs: 7,
      headers: behavior.headers
    })
    expect(resolveBehavior(behavior, 'insert', fixed(0))).toMatchObject({ status: 200, delayMs: 0 })
    expect(resolveBehavior(behavior, null, fixed(0)).status).toBe(200)
  })

  it('fails with probability failure.rate, replacing status and fault', () => {
    const behavior = behaviorWith({ failure: { rate: 0.3, status: 503, fault: 'reset' } })
    expect(resolveBehavior(behavior, null, fixed(0.29))).toMatchObject({
      status: 503,
      fault: 'reset'
    })
    expect(resolveBehavior(behavior, null, fixed(0.3))).toMatchObject({
      status: 200,
      fault: 'none'
    })
    const always = behaviorWith({ failure: { rate: 1, status: 500, fault: 'none' } })
    expect(resolveBehavior(always, null, fixed(0.999999)).status).toBe(500)
    const never = behaviorWith({ failure: { rate: 0, status: 500, fault: 'none' } })
    expect(resolveBehavior(never, null, fixed(0)).status).toBe(200)
  })

  it('fails an overridden event too (the failure comes after the override)', () => {
    const behavior = behaviorWith({
      overrides: { insert: { status: 201 } },
      failure: { rate: 1, status: 502, fault: 'drop' }
    })
    expect(resolveBehavior(behavior, 'insert', fixed(0))).toMatchObject({
      status: 502,
      fault: 'drop'
    })
  })

  it('picks a fixed delay, or a whole number uniformly in [min, max]', () => {
    const range = behaviorWith({ delay: { minMs: 100, maxMs: 200 } })
    expect(resolveBehavior(range, null, fixed(0)).delayMs).toBe(100)
    expect(resolveBehavior(range, null, fixed(0.5)).delayMs).toBe(150)
    expect(resolveBehavior(range, null, fixed(0.9999999)).delayMs).toBe(200)
    expect(resolveBehavior(range, null, fixed(1)).delayMs).toBe(200)
    const values = new Set<number>()
    for (let i = 0; i < 500; i++) values.add(resolveBehavior(range, null, Math.random).delayMs)
    expect(Math.min(...values)).toBeGreaterThanOrEqual(100)
    expect(Math.max(...values)).toBeLessThanOrEqual(200)
    expect(values.size).toBeGreaterThan(50)
    const fixedDelay = behaviorWith({ delay: { minMs: 40, maxMs: 40 } })
    expect(resolveBehavior(fixedDelay, null, fixed(0.7)).delayMs).toBe(40)
  })

  it('draws the failure first and the delay second', () => {
    const draws = [0.1, 0.5]
    const behavior = behaviorWith({
      delay: { minMs: 0, maxMs: 100 },
      failure: { rate: 0.2, status: 500, fault: 'none' }
    })
    const result = resolveBehavior(behavior, null, () => draws.shift() ?? 0)
    expect(result).toMatchObject({ status: 500, delayMs: 50 })
  })
})

describe('receiver: behaviour on the wire', () => {
  let random = 0.5
  const { h, agent } = useHarness({ random: () => random })
  beforeEach(() => {
    random = 0.5
  })

  const post = (body: string | Buffer = '{}') =>
    send(agent, h.url('/b'), {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json' }
    })

  it('failure rate 1 always fails, rate 0 never does', async () => {
    h.behavior = behaviorWith({ failure: { rate: 1, status: 503, fault: 'none' } })
    random = 0.99
    expect((await post()).status).toBe(503)
    h.behavior = behaviorWith({ failure: { rate: 0, status: 503, fault: 'none' } })
    random = 0
    expect((await post()).status).toBe(200)
    expect(h.captures.map((c) => c.response.status)).toEqual([503, 200])
  })

  it('a failure rate in between follows the random source', async () => {
    h.behavior = behaviorWith({ failure: { rate: 0.5, status: 500, fault: 'none' } })
    random = 0.49
    expect((await post()).status).toBe(500)
    random = 0.51
    expect((await post()).status).toBe(200)
  })

  it('a per-event override makes only review events fail', async () => {
    h.behavior = behaviorWith({
      overrides: { review: { status: 500, body: '{"error":"review rejected"}' } }
    })
    const results: [string, number, string][] = []
    for (const name of ['insert', 'update', 'review'] as const) {
      const res = await post(fixture(name))
      results.push([name, res.status, res.body.toString()])
    }
    expect(results).toEqual([
      ['insert', 200, '{"ok":true}'],
      ['update', 200, '{"ok":true}'],
      ['review', 500, '{"error":"review rejected"}']
    ])
    expect(h.captures.map((c) => [c.event, c.response.status])).toEqual([
      ['insert', 200],
      ['update', 200],
      ['review', 500]
    ])
  })

  it('a new behaviour applies to the next request without a restart', async () => {
    expect((await post()).status).toBe(200)
    h.behavior = behaviorPreset('Server error')
    const res = await post()
    expect(res.status).toBe(500)
    expect(res.body.toString()).toBe('{"error":"Internal Server Error"}')
    h.behavior = behaviorWith({ status: 204, body: 'ignored' })
    const empty = await post()
    expect(empty.status).toBe(204)
    expect(empty.body).toHaveLength(0)
  })

  it('sends the behaviour headers in order with duplicates, and its own Content-Length', async () => {
    h.behavior = behaviorWith({
      status: 299,
      body: 'héllo',
      headers: [
        ['X-One', 'a'],
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
        ['Content-Length', '999']
      ]
    })
    const res = await post()
    expect(res.status).toBe(299)
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2'])
    expect(res.headers['x-one']).toBe('a')
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength('héllo')))
    expect(res.body.toString()).toBe('héllo')
  })
})

describe('receiver: the capture is recorded before the answer', () => {
  it('waits for onCapture before answering', async () => {
    const order: string[] = []
    const own = await startHarness({
      onCapture: async (capture: Capture) => {
        order.push(`capture ${capture.path}`)
        await new Promise((r) => setTimeout(r, 100))
        order.push('recorded')
      }
    })
    const agent = newAgent()
    const started = performance.now()
    const res = await send(agent, own.url('/slow-journal'), { method: 'POST', body: '{}' })
    const elapsed = performance.now() - started
    order.push('answered')
    expect(res.status).toBe(200)
    expect(elapsed).toBeGreaterThanOrEqual(99)
    expect(order).toEqual(['capture /slow-journal', 'recorded', 'answered'])
    await agent.close()
    await own.close()
  })
})

describe('receiver: its own failures are answered 500 and still recorded', () => {
  const { h, agent } = useHarness()

  it('a behaviour that cannot be read', async () => {
    const own = await startHarness({
      getBehavior: () => {
        throw new Error('settings are locked')
      }
    })
    const res = await send(agent, own.url('/x'), { method: 'POST', body: '{}' })
    expect(res.status).toBe(500)
    expect(JSON.parse(res.body.toString()).message).toContain('settings are locked')
    expect(own.captures[0]?.response).toEqual({ status: 500, delayMs: 0, fault: 'none' })
    await own.close()
  })

  it('a header value HTTP cannot carry names the header', async () => {
    h.behavior = behaviorWith({ headers: [['X-Price', '10 €']] })
    const res = await send(agent, h.url('/x'), { method: 'POST', body: '{}' })
    expect(res.status).toBe(500)
    expect(JSON.parse(res.body.toString()).message).toContain('"X-Price"')
    expect(h.captures.at(-1)?.response.status).toBe(500)
  })

  it('a journal write that fails', async () => {
    const own = await startHarness({
      onCapture: () => Promise.reject(new Error('disk full'))
    })
    const res = await send(agent, own.url('/x'), { method: 'POST', body: '{}' })
    expect(res.status).toBe(500)
    expect(JSON.parse(res.body.toString()).message).toContain('disk full')
    await own.close()
  })
})
