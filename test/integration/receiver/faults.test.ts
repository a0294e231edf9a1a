import { describe, expect, it } from 'vitest'
import { RawClient } from '../../helpers/raw-client'
import {
  behaviorWith,
  type Harness,
  send,
  startHarness,
  useHarness
} from '../../helpers/receiver-harness'

const { h, agent } = useHarness()

async function rawPost(target: Harness = h): Promise<{ client: RawClient; sentAt: number }> {
  const client = await RawClient.open(target.receiver.port)
  const sentAt = client.now()
  client.send({ method: 'POST', path: '/fault', body: '{"OnInsert":true}' })
  return { client, sentAt }
}

describe('receiver faults, as a client experiences them', () => {
  it('hang: no answer at all until the receiver closes, which ends the connection', async () => {
    const own = await startHarness()
    own.behavior = behaviorWith({ fault: 'hang' })
    const { client } = await rawPost(own)
    expect(await client.endWithin(400)).toBeNull()
    expect(client.received()).toHaveLength(0)
    expect(own.captures[0]?.response).toEqual({ status: 0, delayMs: 0, fault: 'hang' })
    const closedAt = performance.now()
    await own.close()
    expect(performance.now() - closedAt).toBeLessThan(1000)
    const end = await client.endWithin(1000)
    expect(end).not.toBeNull()
    expect(client.received()).toHaveLength(0)
    await own.close()
  })

  it('drop: the connection is closed with no bytes sent', async () => {
    h.behavior = behaviorWith({ fault: 'drop' })
    const { client } = await rawPost()
    const end = await client.endWithin(1000)
    expect(end).toMatchObject({ how: 'closed', code: null })
    expect(client.received()).toHaveLength(0)
    expect(h.captures[0]?.response).toEqual({ status: 0, delayMs: 0, fault: 'drop' })
  })

  it('reset: the client gets ECONNRESET', async () => {
    h.behavior = behaviorWith({ fault: 'reset' })
    const { client } = await rawPost()
    const end = await client.endWithin(1000)
    expect(end).toMatchObject({ how: 'reset', code: 'ECONNRESET' })
    expect(client.received()).toHaveLength(0)
    expect(h.captures[0]?.response.fault).toBe('reset')
  })

  it('reset and drop look like failures to a real HTTP client too', async () => {
    h.behavior = behaviorWith({ fault: 'reset' })
    await expect(send(agent, h.url('/r'), { method: 'POST', body: '{}' })).rejects.toMatchObject({
      code: 'ECONNRESET'
    })
    h.behavior = behaviorWith({ fault: 'drop' })
    await expect(send(agent, h.url('/d'), { method: 'POST', body: '{}' })).rejects.toThrow()
  })

  it('drop after a delay: the close comes after the delay', async () => {
    h.behavior = behaviorWith({ fault: 'drop', delay: { minMs: 150, maxMs: 150 } })
    const { client, sentAt } = await rawPost()
    const end = await client.endWithin(1000)
    expect(end?.how).toBe('closed')
    expect(end!.atMs - sentAt).toBeGreaterThanOrEqual(145)
    expect(h.captures[0]?.response).toEqual({ status: 0, delayMs: 150, fault: 'drop' })
  })

  it('slow-body: headers at once, then the body in pieces over the delay', async () => {
    const body = JSON.stringify({ ok: true, padding: 'x'.repeat(40) })
    h.behavior = behaviorWith({ fault: 'slow-body', delay: { minMs: 600, maxMs: 600 }, body })
    const { client, sentAt } = await rawPost()
    const response = await client.response(2000)
    expect(response.status).toBe(200)
    expect(response.body.toString()).toBe(body)
    const headEnd = client.chunks.findIndex((c) => c.data.includes('\r\n\r\n'))
    expect(headEnd).toBe(0)
    expect(client.chunks[0]!.atMs - sentAt).toBeLessThan(200)
    const bodyChunks = client.chunks.slice(1)
    expect(bodyChunks.length).toBeGreaterThanOrEqual(5)
    const last = bodyChunks.at(-1)!.atMs - sentAt
    expect(last).toBeGreaterThanOrEqual(590)
    expect(last).toBeLessThan(800)
    expect(bodyChunks[0]!.atMs - sentAt).toBeLessThan(300)
    expect(h.captures[0]?.response).toEqual({ status: 200, delayMs: 600, fault: 'slow-body' })
    client.destroy()
  })
})

describe('receiver delays', () => {
  it('a fixed delay lands at the configured time', async () => {
    h.behavior = behaviorWith({ delay: { minMs: 200, maxMs: 200 } })
    for (let i = 0; i < 3; i++) {
      const { client, sentAt } = await rawPost()
      await client.response(1000)
      const elapsed = client.chunks[0]!.atMs - sentAt
      expect(elapsed).toBeGreaterThanOrEqual(199)
      expect(elapsed).toBeLessThan(300)
      client.destroy()
    }
    expect(h.captures.map((c) => c.response.delayMs)).toEqual([200, 200, 200])
  })

  it('the delay runs while the capture is recorded: a slow write does not lengthen it', async () => {
    const own = await startHarness({
      onCapture: () => new Promise((resolve) => setTimeout(resolve, 120))
    })
    own.behavior = behaviorWith({ delay: { minMs: 200, maxMs: 200 } })
    const { client, sentAt } = await rawPost(own)
    await client.response(1000)
    const elapsed = client.chunks[0]!.atMs - sentAt
    expect(elapsed).toBeGreaterThanOrEqual(199)
    expect(elapsed).toBeLessThan(290)
    client.destroy()
    await own.close()
  })

  it('a delay range stays within its bounds, and the answer waits the chosen delay', async () => {
    h.behavior = behaviorWith({ delay: { minMs: 50, maxMs: 150 } })
    for (let i = 0; i < 4; i++) {
      const { client, sentAt } = await rawPost()
      await client.response(1000)
      const chosen = h.captures.at(-1)!.response.delayMs
      expect(chosen).toBeGreaterThanOrEqual(50)
      expect(chosen).toBeLessThanOrEqual(150)
      expect(client.chunks[0]!.atMs - sentAt).toBeGreaterThanOrEqual(chosen - 1)
      client.destroy()
    }
  })

  it('uses the random source for the range (fixed random → known delay)', async () => {
    const own = await startHarness({ random: () => 0.999 })
    own.behavior = behaviorWith({ delay: { minMs: 20, maxMs: 120 } })
    const { client, sentAt } = await rawPost(own)
    const response = await client.response(1000)
    expect(response.status).toBe(200)
    expect(own.captures[0]?.response.delayMs).toBe(120)
    expect(client.chunks[0]!.atMs - sentAt).toBeGreaterThanOrEqual(119)
    client.destroy()
    await own.close()
  })

  it('a client that gives up during the delay is still captured, and the next request is answered', async () => {
    h.behavior = behaviorWith({ delay: { minMs: 300, maxMs: 300 } })
    const { client } = await rawPost()
    await new Promise((r) => setTimeout(r, 50))
    client.destroy()
    await client.ended
    h.behavior = behaviorWith({})
    expect((await send(agent, h.url('/after'), { method: 'POST', body: '{}' })).status).toBe(200)
    await new Promise((r) => setTimeout(r, 300))
    expect(h.captures).toHaveLength(2)
  })
})
