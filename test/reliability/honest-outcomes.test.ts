import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { captureOutcome } from '@shared/capture-outcome'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import { CaptureSchema, type Behavior, type Capture } from '@shared/schemas'
import { buildEventBody } from '@shared/trialkit'
import { RawClient } from '../helpers/raw-client'
import { failOnProcessErrors } from './support/process-guard'

failOnProcessErrors()

function behavior(patch: Partial<Behavior>): Behavior {
  return { ...structuredClone(HEALTHY_BEHAVIOR), preset: null, ...patch }
}

/**
 * Captures of requests whose answer never went out whole read as what happened, in memory, in the
 * live events and in history.jsonl: a hang the caller left, a delay the caller did not wait for.
 */
describe('capture outcomes say what happened (engine, real sockets, journaled)', () => {
  let dir: string
  let engine: Engine
  let port: number
  const captures: Capture[] = []
  const updates: Capture[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hi-rel-outcome-'))
    engine = await createHeadlessEngine({ dataDir: dir, receiverOverrides: { port: 0 } })
    engine.on('capture', (c) => captures.push(CaptureSchema.parse(c)))
    engine.on('capture-updated', (c) => updates.push(CaptureSchema.parse(c)))
    port = engine.receiverStatus().port!
  })
  afterAll(async () => {
    await engine?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** Sends an insert to `path`, leaves after `leaveAfterMs`, and returns what became of it. */
  async function sendAndLeave(path: string, leaveAfterMs: number): Promise<Capture> {
    const before = updates.length
    const client = await RawClient.open(port)
    client.send({ method: 'POST', path, body: buildEventBody('insert') })
    await new Promise((resolve) => setTimeout(resolve, leaveAfterMs))
    expect(client.received()).toHaveLength(0)
    client.destroy()
    await expect.poll(() => updates.length, { timeout: 3000 }).toBe(before + 1)
    return updates[before]!
  }

  it('a hang the caller left: "held until the caller left after N s", not an answer', async () => {
    await engine.setBehavior(behavior({ fault: 'hang' }))
    const updated = await sendAndLeave('/hang', 1100)
    expect(updated.path).toBe('/hang')
    expect(updated.unfinished?.how).toBe('left-before-answer')
    expect(updated.unfinished!.afterMs).toBeGreaterThanOrEqual(1000)
    expect(updated.unfinished!.afterMs).toBeLessThan(10_000)
    expect(captureOutcome(updated).text).toMatch(
      /^No answer: held until the caller left after \d+\.\d s$/
    )
    // The first record, made before the answer, was the same request: the update replaces it.
    expect(captures.find((c) => c.id === updated.id)?.unfinished).toBeUndefined()
    const history = await engine.listHistory({})
    expect(history.find((e) => e.id === updated.id)).toMatchObject({
      unfinished: updated.unfinished
    })
  })

  it('a delay the caller did not wait for: the caller left before the answer due', async () => {
    await engine.setBehavior(behavior({ delay: { minMs: 60_000, maxMs: 60_000 } }))
    const updated = await sendAndLeave('/slow', 300)
    expect(updated.response).toMatchObject({ status: 200, delayMs: 60_000 })
    expect(captureOutcome(updated).text).toMatch(
      /^No answer: the caller left after (\d+ ms|\d+\.\d s), before the 200 due at 60\.0 s$/
    )
  })

  it('a drop or a reset is the receiver acting, not the caller leaving', async () => {
    for (const fault of ['drop', 'reset'] as const) {
      await engine.setBehavior(behavior({ fault }))
      const before = { captures: captures.length, updates: updates.length }
      const client = await RawClient.open(port)
      client.send({ method: 'POST', path: `/${fault}`, body: buildEventBody('insert') })
      expect(await client.endWithin(2000)).not.toBeNull()
      client.destroy()
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(updates).toHaveLength(before.updates)
      const capture = captures[before.captures]!
      expect(capture.answer).toBeUndefined()
      expect(captureOutcome(capture).text).toBe(
        fault === 'drop' ? 'Connection dropped' : 'Connection reset'
      )
    }
  })

  it('an answer that went out is "Answered 200 after 0 ms" and is never updated', async () => {
    await engine.setBehavior(behavior({}))
    const before = { captures: captures.length, updates: updates.length }
    const client = await RawClient.open(port)
    client.send({ method: 'POST', path: '/ok', body: buildEventBody('insert') })
    expect((await client.response()).status).toBe(200)
    client.destroy()
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(updates).toHaveLength(before.updates)
    expect(captureOutcome(captures[before.captures]!).text).toBe('Answered 200 after 0 ms')
  })

  it('the journal keeps the update: a fresh engine reads the unfinished captures back', async () => {
    const unfinished = new Map(updates.map((u) => [u.id, u.unfinished]))
    // A hang still held when the receiver closes is not a caller leaving: no update is made.
    // Nor is a body still arriving then: its caller did not leave, the receiver did.
    await engine.setBehavior(behavior({ fault: 'hang' }))
    const client = await RawClient.open(port)
    client.send({ method: 'POST', path: '/held', body: buildEventBody('insert') })
    await expect.poll(() => captures.at(-1)?.path, { timeout: 2000 }).toBe('/held')
    const midBody = await RawClient.open(port)
    midBody.write('POST /mid-body HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"part')
    await new Promise((resolve) => setTimeout(resolve, 100))
    const count = { captures: captures.length, updates: updates.length }
    await engine.close()
    client.destroy()
    midBody.destroy()
    expect(updates).toHaveLength(count.updates)
    expect(captures).toHaveLength(count.captures)
    engine = await createHeadlessEngine({ dataDir: dir, startReceiver: false })
    const history = await engine.listHistory({})
    for (const [id, value] of unfinished) {
      expect(history.find((e) => e.id === id)).toMatchObject({ unfinished: value })
    }
    expect(history.find((e) => e.type === 'capture' && e.path === '/held')).not.toHaveProperty(
      'unfinished'
    )
    const text = readFileSync(join(dir, 'history.jsonl'), 'utf8')
    expect(text).toContain('"how":"left-before-answer"')
  })
})
