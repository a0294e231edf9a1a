import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'

let engine: Engine | null = null
let blocker: Server | null = null

afterEach(async () => {
  await engine?.close()
  engine = null
  await new Promise<void>((done) => (blocker ? blocker.close(() => done()) : done()))
  blocker = null
})

function takePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      blocker = server
      resolve((server.address() as { port: number }).port)
    })
  })
}

async function answers(url: string): Promise<number> {
  const res = await fetch(url, { method: 'POST', body: '{}', signal: AbortSignal.timeout(5000) })
  await res.arrayBuffer()
  return res.status
}

describe('restarting the receiver on another port', () => {
  it.each(['fail', 'next-free'] as const)(
    'keeps the running one when the new port is taken (%s policy)',
    async (portConflict) => {
      engine = await createHeadlessEngine({
        dataDir: null,
        portConflict,
        receiverOverrides: { port: 0 }
      })
      const before = engine.receiverStatus()
      expect(before.running).toBe(true)
      const taken = await takePort()

      const status = await engine.startReceiver({ port: taken })
      expect(status.running).toBe(true)
      expect(status.port).toBe(before.port)
      expect(status.error).toBe(
        `Port ${taken} on 127.0.0.1 is already in use. Choose another port (0 picks a free one).`
      )
      expect(status.error).not.toContain('--port')
      expect(await answers(before.url!)).toBe(200)

      // A port that is free moves it, and the error is gone.
      const moved = await engine.startReceiver({ port: 0 })
      expect(moved.running).toBe(true)
      expect(moved.port).not.toBe(before.port)
      expect(moved.error).toBeNull()
      expect(await answers(moved.url!)).toBe(200)
      await expect(answers(before.url!)).rejects.toThrow()
    }
  )
})
