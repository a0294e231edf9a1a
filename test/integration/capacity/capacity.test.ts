import { afterEach, describe, expect, it } from 'vitest'
import type { CapacityProgress } from '@shared/capacity'
import { CapacityRunSchema } from '@shared/schemas'
import { createHeadlessEngine, type Engine } from '@main/engine'
import {
  holdingServer,
  overloadServer,
  rateLimitServer,
  resetServer,
  serialServer,
  type KnownServer
} from './servers'

let engine: Engine | null = null
let server: KnownServer | null = null

afterEach(async () => {
  await engine?.close()
  await server?.close()
  engine = null
  server = null
})

async function open(): Promise<Engine> {
  engine = await createHeadlessEngine({ dataDir: null, startReceiver: false })
  return engine
}

describe('capacity check against servers of known capacity', () => {
  it('one request at a time in 50 ms, 2 s timeout: capacity 16, timeouts at 64', async () => {
    server = await serialServer(50)
    const e = await open()
    const progress: CapacityProgress[] = []
    e.on('capacity-progress', (p) => progress.push(p))
    const run = await e.runCapacity({
      url: server.url,
      email: 'study@example.org',
      password: 's3cret',
      levels: [1, 4, 16, 64],
      timeoutSeconds: 2
    })
    CapacityRunSchema.parse(run)
    expect(run.steps.map((s) => s.concurrency)).toEqual([1, 4, 16, 64])
    expect(run.steps.map((s) => s.sent)).toEqual([4, 16, 64, 256])
    const [, , at16, at64] = run.steps
    expect(at16!.protocolErrors).toBe(0)
    // With 16 waiting, each answer takes about 16 × 50 ms.
    expect(at16!.p95Ms).toBeGreaterThan(600)
    expect(at16!.p95Ms).toBeLessThanOrEqual(1000)
    expect(at64!.byKind.timeout).toBeGreaterThan(0)
    expect(at64!.ok + at64!.protocolErrors).toBe(at64!.sent)
    expect(run.capacity).toBe(16)
    expect(run.summary).toMatch(
      /^Up to 16 site users saving at once: every save answered within (0\.\d|1) s\. At 64, \d+ of 256 saves end in a ProtocolError \(timeout\)\.$/
    )
    // Every request as TrialKit sends it: auth, and a distinct trans_id each.
    const auth = `Basic ${Buffer.from('study@example.org:s3cret').toString('base64')}`
    expect(server.authorizations.every((a) => a === auth)).toBe(true)
    const ids = server.bodies.map((b) => (JSON.parse(b) as { trans_id: string }).trans_id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(server.bodies[0]).toMatch(/"OnInsert":true}$/)
    // Live progress, ending with every level.
    expect(progress.length).toBeGreaterThan(4)
    expect(progress.at(-1)).toMatchObject({ done: true, current: null })
    expect(progress.at(-1)!.steps).toHaveLength(4)
    // A capped sample of the exchanges, failures kept.
    expect(run.requestsSent).toBe(340)
    expect(run.exchanges.length).toBeLessThanOrEqual(500)
    expect(run.exchanges.filter((x) => x.error?.kind === 'timeout')).toHaveLength(
      at64!.byKind.timeout!
    )
    expect(run.exchanges.every((x) => x.origin === 'capacity')).toBe(true)
  }, 60_000)

  it('keeps exactly the level in flight, up to 200 at once', async () => {
    // Held long enough that all 200 connections are up before the first answer, even under load.
    server = await holdingServer(3000)
    const e = await open()
    const run = await e.runCapacity({
      url: server.url,
      levels: [200],
      requests: 200,
      timeoutSeconds: 10
    })
    expect(run.steps[0]).toMatchObject({ concurrency: 200, sent: 200, ok: 200 })
    expect(server.maxInFlight()).toBe(200)
  }, 30_000)

  it('answers 500 past a load of 4: capacity 4, HTTP 500s named above', async () => {
    server = await overloadServer(4, 30)
    const e = await open()
    const run = await e.runCapacity({ url: server.url, levels: [1, 4, 16], timeoutSeconds: 5 })
    expect(run.steps.map((s) => s.protocolErrors)).toEqual([0, 0, expect.any(Number)])
    expect(run.steps[2]!.byKind['http-500']).toBeGreaterThan(0)
    expect(Object.keys(run.steps[2]!.byKind)).toEqual(['http-500'])
    expect(server.maxInFlight()).toBeLessThanOrEqual(16)
    expect(run.capacity).toBe(4)
    expect(run.summary).toMatch(
      /^Up to 4 site users .* At 16, (\d+) of 64 saves end in a ProtocolError \(\1 answered HTTP 500 Internal Server Error\)\.$/
    )
    expect(run.stopped).toBeNull()
  }, 30_000)

  it('rate limiting past 2 at once: HTTP 429 named, and said to be rate limiting', async () => {
    server = await rateLimitServer(2, 30)
    const e = await open()
    const run = await e.runCapacity({ url: server.url, levels: [1, 2, 8], timeoutSeconds: 5 })
    expect(run.capacity).toBe(2)
    expect(Object.keys(run.steps[2]!.byKind)).toEqual(['http-429'])
    expect(run.summary).toMatch(
      /^Up to 2 site users saving at once: every save answered within [\d.]+ m?s\. At 8, (\d+) of 32 saves end in a ProtocolError \(\1 answered HTTP 429 Too Many Requests\)\. Those failures were rate limiting \(HTTP 429\): the endpoint refuses site users saving together, whatever its speed\.$/
    )
  }, 30_000)

  it('--pause-ms: each virtual user waits between its saves', async () => {
    server = await overloadServer(100, 1)
    const e = await open()
    const t0 = performance.now()
    const run = await e.runCapacity({
      url: server.url,
      levels: [1],
      requests: 4,
      pauseMs: 150,
      timeoutSeconds: 5
    })
    // Three pauses between four saves: a lower bound only, the machine may be slow.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(450)
    expect(run.steps[0]).toMatchObject({ sent: 4, ok: 4 })
  }, 30_000)

  it('a server that resets every connection: capacity 0, stops after the first level', async () => {
    server = await resetServer()
    const e = await open()
    const run = await e.runCapacity({ url: server.url, levels: [1, 4, 16], timeoutSeconds: 5 })
    expect(run.steps).toHaveLength(1)
    expect(run.steps[0]).toMatchObject({ concurrency: 1, sent: 4, ok: 0, protocolErrors: 4 })
    expect(run.steps[0]!.byKind).toEqual({ 'connection-reset': 4 })
    expect(run.capacity).toBe(0)
    expect(run.stopped).toBe('all-failed')
    expect(run.summary).toMatch(/At 1, 4 of 4 saves end in a ProtocolError \(connection-reset\)\./)
    expect(run.summary).toMatch(/no higher level was tried/)
  }, 30_000)

  it('stops at once when asked and reports what finished; one history entry', async () => {
    server = await holdingServer(1500)
    const e = await open()
    const running = e.runCapacity({ url: server.url, levels: [1, 8], timeoutSeconds: 30 })
    await new Promise((r) => setTimeout(r, 300))
    const started = performance.now()
    expect(await e.stopCapacity()).toBe(true)
    const run = await running
    expect(performance.now() - started).toBeLessThan(1000)
    expect(run.stopped).toBe('stopped')
    expect(run.steps).toEqual([])
    expect(run.summary).toMatch(/Stopped before the last level/)
    expect(await e.stopCapacity()).toBe(false)
    const history = await e.listHistory({ limit: 10 })
    expect(history.map((h) => h.type)).toEqual(['capacity'])
  }, 30_000)

  it('closing the engine mid-run stops the run and still records it', async () => {
    server = await holdingServer(1500)
    const e = await open()
    const events: string[] = []
    e.on('exchange-started', () => events.push('exchange-started'))
    e.on('capacity-done', () => events.push('capacity-done'))
    const running = e.runCapacity({ url: server.url, levels: [1, 8], timeoutSeconds: 30 })
    await new Promise((r) => setTimeout(r, 300))
    await e.close()
    const run = await running
    expect(run.stopped).toBe('stopped')
    expect(run.exchanges).toEqual([])
    // Its requests go through the one send unrecorded: the run is the only thing announced.
    expect(events).toEqual(['capacity-done'])
  }, 30_000)

  it('refuses a URL that is not on this machine without confirmation, and a second run', async () => {
    const e = await open()
    await expect(e.runCapacity({ url: 'http://192.0.2.1/hook', levels: [1] })).rejects.toThrow(
      /not on this machine/
    )
    await expect(
      e.runCapacity({ url: 'http://127.0.0.1:9/', levels: [100, 200], requests: 5000 })
    ).rejects.toThrow(/at most 5000 requests/)
    server = await holdingServer(300)
    const first = e.runCapacity({ url: server.url, levels: [1], timeoutSeconds: 5 })
    await expect(e.runCapacity({ url: server.url, levels: [1] })).rejects.toThrow(/already running/)
    await first
  }, 30_000)
})
