import { describe, expect, it } from 'vitest'
import { RawClient } from '../../helpers/raw-client'
import {
  behaviorWith,
  bodyOf,
  send,
  startHarness,
  useHarness
} from '../../helpers/receiver-harness'

const LIMIT = 64 * 1024
const CAP = 1000

describe('receiver: body limit and stored cap', () => {
  const { h, agent } = useHarness({ bodyLimitBytes: LIMIT, storedBodyCap: CAP })

  it('keeps the first bytes of a body over the cap and records its true size', async () => {
    const body = Buffer.alloc(5000, 'a')
    const res = await send(agent, h.url('/big'), { method: 'POST', body })
    expect(res.status).toBe(200)
    const capture = h.captures[0]!
    expect(capture.bodySize).toBe(5000)
    expect(capture.truncated).toBe(true)
    expect(bodyOf(capture).equals(body.subarray(0, CAP))).toBe(true)
    expect(capture.json).toBeNull()
    expect(capture.jsonError).toMatch(/kept 1000 bytes of 4\.9 KiB/)
  })

  it('accepts a body of exactly the limit', async () => {
    const res = await send(agent, h.url('/edge'), {
      method: 'POST',
      body: Buffer.alloc(LIMIT, 'b')
    })
    expect(res.status).toBe(200)
    expect(h.captures[0]).toMatchObject({ bodySize: LIMIT, response: { status: 200 } })
  })

  it('answers 413 (JSON) to a body over the limit, records it with its true size, and closes', async () => {
    const size = LIMIT * 4
    const client = await RawClient.open(h.receiver.port)
    client.send({ method: 'POST', path: '/too-big', body: Buffer.alloc(size, 'c') })
    const response = await client.response(2000)
    expect(response.status).toBe(413)
    expect(response.headers).toContainEqual(['Connection', 'close'])
    expect(JSON.parse(response.body.toString())).toMatchObject({ error: 'Payload Too Large' })
    expect(await client.endWithin(2000)).toMatchObject({ how: 'closed' })
    const capture = h.captures[0]!
    expect(capture).toMatchObject({
      path: '/too-big',
      bodySize: size,
      truncated: true,
      response: { status: 413, delayMs: 0, fault: 'none' }
    })
    expect(bodyOf(capture).equals(Buffer.alloc(CAP, 'c'))).toBe(true)
  })

  it('stops reading a chunked body that never ends', async () => {
    const client = await RawClient.open(h.receiver.port)
    client.send({
      method: 'POST',
      path: '/stream',
      headers: [['Transfer-Encoding', 'chunked']],
      body: ''
    })
    const piece = `${(16 * 1024).toString(16)}\r\n${'d'.repeat(16 * 1024)}\r\n`
    const pump = setInterval(() => client.write(piece.repeat(4)), 5)
    try {
      const response = await client.response(3000)
      expect(response.status).toBe(413)
      expect(await client.endWithin(3000)).not.toBeNull()
    } finally {
      clearInterval(pump)
      client.destroy()
    }
    const capture = h.captures[0]!
    expect(capture.bodySize).toBeGreaterThan(LIMIT)
    expect(capture.truncated).toBe(true)
    expect(capture.response.status).toBe(413)
  })

  it('a real HTTP client sees the 413', async () => {
    const res = await send(agent, h.url('/too-big'), {
      method: 'POST',
      body: Buffer.alloc(LIMIT + 1, 'e')
    })
    expect(res.status).toBe(413)
    expect(h.captures[0]?.bodySize).toBe(LIMIT + 1)
  })
})

describe('receiver: timeouts against slow clients', () => {
  const { h } = useHarness({ headersTimeoutMs: 300, idleTimeoutMs: 300 })

  it('cuts a client that does not finish its headers in time', async () => {
    const client = await RawClient.open(h.receiver.port)
    client.write('POST /slow HTTP/1.1\r\nHost: x\r\n')
    const end = await client.endWithin(2000)
    expect(end).not.toBeNull()
    expect(end!.atMs).toBeGreaterThanOrEqual(250)
  })

  it('closes an idle keep-alive connection', async () => {
    const client = await RawClient.open(h.receiver.port)
    client.send({ method: 'POST', path: '/ka', body: '{}' })
    expect((await client.response()).status).toBe(200)
    const answeredAt = client.now()
    const end = await client.endWithin(2000)
    expect(end).not.toBeNull()
    expect(end!.atMs - answeredAt).toBeGreaterThanOrEqual(250)
  })

  it('abandons a body that stops arriving, and records it as unanswered', async () => {
    const before = h.captures.length
    const client = await RawClient.open(h.receiver.port)
    client.write('POST /stall HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"partial":')
    const end = await client.endWithin(2000)
    expect(end).not.toBeNull()
    expect(client.received()).toHaveLength(0)
    expect(h.captures).toHaveLength(before + 1)
    const capture = h.captures[before]!
    expect(capture).toMatchObject({ path: '/stall', bodySize: 11, response: { status: 0 } })
    expect(capture.unfinished?.how).toBe('body-stalled')
    expect(capture.unfinished!.afterMs).toBeGreaterThanOrEqual(250)
    expect(capture.answer).toBeUndefined()
  })

  it('does not cut a response that is told to hang', async () => {
    h.behavior = behaviorWith({ fault: 'hang' })
    const client = await RawClient.open(h.receiver.port)
    client.send({ method: 'POST', path: '/hang', body: '{}' })
    expect(await client.endWithin(1200)).toBeNull()
    client.destroy()
  })

  it('does not cut a long delay either', async () => {
    h.behavior = behaviorWith({ delay: { minMs: 700, maxMs: 700 } })
    const client = await RawClient.open(h.receiver.port)
    client.send({ method: 'POST', path: '/long', body: '{}' })
    expect((await client.response(2000)).status).toBe(200)
    client.destroy()
  })
})

describe('receiver: closing while a body is still arriving', () => {
  it('records nothing for it: its caller did not leave, the receiver closed', async () => {
    const h = await startHarness()
    const client = await RawClient.open(h.receiver.port)
    try {
      client.write('POST /mid-body HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"part')
      // The request is being read once its headers are in; then the receiver closes.
      await new Promise((resolve) => setTimeout(resolve, 150))
      await h.close()
      expect(await client.endWithin(2000)).not.toBeNull()
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(h.captures).toEqual([])
    } finally {
      client.destroy()
    }
  })
})
