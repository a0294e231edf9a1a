import { createServer, type Server } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { buildReceiver, ReceiverListenError, startReceiver } from '@main/engine/receiver'
import type { Capture } from '@shared/schemas'
import { RawClient } from '../../helpers/raw-client'
import { behaviorWith, newAgent, send } from '../../helpers/receiver-harness'

const agent = newAgent()
afterAll(async () => {
  await agent.close()
})

function occupyPort(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => resolve(server))
  })
}

const base = { getBehavior: () => behaviorWith({}), onCapture: () => undefined }

describe('startReceiver', () => {
  it('listens on a free port and reports host, port and url', async () => {
    const receiver = await startReceiver({ ...base, host: '127.0.0.1', port: 0 })
    expect(receiver.host).toBe('127.0.0.1')
    expect(receiver.port).toBeGreaterThan(0)
    expect(receiver.url).toBe(`http://127.0.0.1:${receiver.port}/`)
    expect((await send(agent, `${receiver.url}hook`, { method: 'POST', body: '{}' })).status).toBe(
      200
    )
    await receiver.close()
  })

  it('names the port when it is already in use', async () => {
    const blocker = await occupyPort()
    const port = (blocker.address() as { port: number }).port
    try {
      const error = await startReceiver({ ...base, host: '127.0.0.1', port }).catch((e) => e)
      expect(error).toBeInstanceOf(ReceiverListenError)
      expect(error).toMatchObject({ code: 'port-in-use', port, host: '127.0.0.1' })
      expect(error.message).toBe(
        `Port ${port} on 127.0.0.1 is already in use. Choose another port (0 picks a free one).`
      )
    } finally {
      blocker.close()
    }
  })

  it('explains an address that is not on this machine', async () => {
    const error = await startReceiver({ ...base, host: '203.0.113.7', port: 0 }).catch((e) => e)
    expect(error).toBeInstanceOf(ReceiverListenError)
    expect(error.code).toBe('address')
    expect(error.message).toContain('203.0.113.7')
  })

  it('close ends idle and busy connections at once, stops listening, and can be called again', async () => {
    const receiver = await startReceiver({
      ...base,
      host: '127.0.0.1',
      port: 0,
      getBehavior: () => behaviorWith({ delay: { minMs: 5000, maxMs: 5000 } })
    })
    const idle = await RawClient.open(receiver.port)
    const busy = await RawClient.open(receiver.port)
    busy.send({ method: 'POST', path: '/wait', body: '{}' })
    await busy.waitFor(() => false, 100)
    const started = performance.now()
    await Promise.all([receiver.close(), receiver.close()])
    expect(performance.now() - started).toBeLessThan(1000)
    expect(await idle.endWithin(1000)).not.toBeNull()
    expect(await busy.endWithin(1000)).not.toBeNull()
    expect(busy.received()).toHaveLength(0)
    await receiver.close()
    await expect(RawClient.open(receiver.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })
})

describe('buildReceiver', () => {
  it('builds without listening and answers through inject', async () => {
    const captures: Capture[] = []
    const app = buildReceiver({ ...base, onCapture: (c) => void captures.push(c) })
    expect(app.server.listening).toBe(false)
    const res = await app.inject({
      method: 'PUT',
      url: '/injected?x=1',
      headers: { 'content-type': 'text/plain' },
      payload: 'raw text'
    })
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('{"ok":true}')
    expect(captures[0]).toMatchObject({ method: 'PUT', path: '/injected', query: { x: '1' } })
    expect(Buffer.from(captures[0]!.bodyBase64, 'base64').toString()).toBe('raw text')
    await app.close()
  })
})
