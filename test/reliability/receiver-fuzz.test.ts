import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildReceiver, openJournal } from '@main/engine'
import type { HistoryStore } from '@main/engine/ports'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import { CaptureSchema } from '@shared/schemas'
import { nextCase, trialkitRequest, type FuzzCase } from './support/fuzz-cases'
import { failOnProcessErrors } from './support/process-guard'
import { Prng, seedFromEnv } from './support/prng'
import { roundTrip } from './support/raw'
import { collectGarbage, socketsSettle } from './support/sockets'

const CASES = 3000
const TIME_BUDGET_MS = 20_000
const CONCURRENCY = 24
const CASE_TIMEOUT_MS = 5000
const RECEIVER_TIMEOUT_MS = 500
const MEMORY_SLACK_BYTES = 50 * 1024 * 1024
// 405: CONNECT (the receiver is no proxy); 417: an Expect other than 100-continue.
const ANSWERS = new Set([200, 400, 405, 408, 413, 417, 431])

failOnProcessErrors()

interface CaseResult {
  kind: string
  /** The status of the first response, or how the connection ended without one. */
  outcome: number | 'no-answer' | 'client-timeout'
  /** The client's port: the receiver records it as the capture's remotePort. */
  port: number
}

/** Sends one case over a fresh loopback connection and waits for the receiver to end it. */
function runCase(port: number, fuzz: FuzzCase): Promise<CaseResult> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true })
    let head = ''
    let done = false
    let clientPort = 0
    const finish = (outcome: CaseResult['outcome']): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      resolve({ kind: fuzz.kind, outcome, port: clientPort })
    }
    const timer = setTimeout(() => finish('client-timeout'), CASE_TIMEOUT_MS)
    socket.on('error', () => {})
    socket.on('data', (data: Buffer) => {
      if (head.length < 4096) head += data.toString('latin1', 0, Math.min(data.length, 4096))
    })
    socket.on('close', () => {
      // The first final status: a 100 Continue is an interim answer.
      const match = /^HTTP\/1\.[01] ([2-5]\d\d)/m.exec(head)
      finish(match ? Number(match[1]) : 'no-answer')
    })
    socket.on('connect', () => {
      clientPort = socket.localPort ?? 0
      let index = 0
      const writeNext = (): void => {
        if (socket.destroyed) return
        const piece = fuzz.pieces[index++]
        if (piece === undefined) {
          if (fuzz.end) socket.end()
          return
        }
        socket.write(piece)
        setImmediate(writeNext)
      }
      writeNext()
    })
  })
}

function openConnections(app: FastifyInstance): Promise<number> {
  return new Promise((resolve, reject) =>
    app.server.getConnections((error, count) => (error ? reject(error) : resolve(count)))
  )
}

async function connectionsSettle(app: FastifyInstance, withinMs: number): Promise<number> {
  const deadline = Date.now() + withinMs
  let count = await openConnections(app)
  while (count > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25))
    count = await openConnections(app)
  }
  return count
}

describe('receiver fuzzer (raw TCP, loopback, seeded)', () => {
  const seed = seedFromEnv()
  let dir: string
  let journal: HistoryStore
  let app: FastifyInstance
  let port: number
  let captured = 0
  const invalidCaptures: string[] = []
  /** The statuses recorded per client port, in order. */
  const recorded = new Map<number, number[]>()

  beforeAll(async () => {
    console.log(`receiver fuzzer seed: ${seed} (replay with RELIABILITY_SEED=${seed})`)
    dir = mkdtempSync(join(tmpdir(), 'hi-rel-fuzz-'))
    journal = await openJournal({ file: join(dir, 'history.jsonl'), cap: 100_000 })
    app = buildReceiver({
      getBehavior: () => HEALTHY_BEHAVIOR,
      bodyLimitBytes: 256 * 1024,
      headersTimeoutMs: RECEIVER_TIMEOUT_MS,
      idleTimeoutMs: RECEIVER_TIMEOUT_MS,
      onCapture: async (capture) => {
        const check = CaptureSchema.safeParse(capture)
        if (!check.success) invalidCaptures.push(check.error.message)
        captured++
        const list = recorded.get(capture.remotePort) ?? []
        list.push(capture.response.status)
        recorded.set(capture.remotePort, list)
        await journal.append(capture)
      }
    })
    await app.listen({ host: '127.0.0.1', port: 0 })
    port = (app.server.address() as { port: number }).port
  })
  afterAll(async () => {
    await app?.close()
    await journal?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it(`survives ${CASES} random and mutated requests and is back to baseline afterwards`, async () => {
    const prng = new Prng(seed)
    // Warm up so lazily built parts (Fastify routes, zod, the journal) are in the baseline.
    for (let i = 0; i < 50; i++) {
      expect((await roundTrip(port, trialkitRequest(prng, port))).status).toBe(200)
    }
    recorded.clear()
    collectGarbage()
    const baseHeap = process.memoryUsage().heapUsed
    const baseRss = process.memoryUsage().rss
    const baseSockets = await socketsSettle(0, 1000)

    const started = Date.now()
    const results: CaseResult[] = []
    let issued = 0
    const worker = async (): Promise<void> => {
      while (issued < CASES && Date.now() - started < TIME_BUDGET_MS) {
        issued++
        results.push(await runCase(port, nextCase(prng, port)))
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    const elapsed = Date.now() - started

    // FUZZ_DETAIL=1 breaks the outcomes down by kind of case.
    const byOutcome = new Map<string, number>()
    for (const r of results) {
      const key = process.env.FUZZ_DETAIL ? `${r.kind}:${r.outcome}` : String(r.outcome)
      byOutcome.set(key, (byOutcome.get(key) ?? 0) + 1)
    }
    console.log(
      `receiver fuzzer: ${results.length} cases in ${elapsed} ms, ${captured} captures; outcomes ${JSON.stringify(Object.fromEntries(byOutcome))}`
    )

    expect(results.length).toBeGreaterThanOrEqual(Math.min(CASES, 1000))
    // Every connection was ended by the receiver (an answer, a refusal or its own timeouts).
    expect(results.filter((r) => r.outcome === 'client-timeout')).toEqual([])
    const unexpected = results.filter(
      (r) => typeof r.outcome === 'number' && !ANSWERS.has(r.outcome)
    )
    expect(unexpected).toEqual([])
    // Valid TrialKit requests are all answered 200, half-closed by the client or not.
    const valid = results.filter((r) => r.kind === 'valid')
    expect(valid.length).toBeGreaterThan(0)
    expect(valid.filter((r) => r.outcome !== 200)).toEqual([])
    expect(invalidCaptures).toEqual([])
    // What each client saw is what was recorded for its connection: an answer seen was recorded
    // with that status, and an answer recorded was seen (compared where a port was used once).
    const uses = new Map<number, number>()
    for (const r of results) uses.set(r.port, (uses.get(r.port) ?? 0) + 1)
    const mismatches = results
      .filter((r) => uses.get(r.port) === 1 && r.outcome !== 'client-timeout')
      .map((r) => ({ kind: r.kind, seen: r.outcome, recorded: recorded.get(r.port) ?? [] }))
      .filter(({ seen, recorded: statuses }) =>
        seen === 'no-answer' ? statuses.some((s) => s !== 0) : statuses[0] !== seen
      )
    expect(mismatches).toEqual([])
    expect(captured).toBeGreaterThanOrEqual(results.filter((r) => r.outcome !== 'no-answer').length)

    // Still answers a clean request.
    expect((await roundTrip(port, trialkitRequest(prng, port))).status).toBe(200)

    // Every socket is closed again, on the receiver's side and on ours.
    expect(await connectionsSettle(app, 3000)).toBe(0)
    expect(await socketsSettle(baseSockets, 3000)).toBeLessThanOrEqual(baseSockets)

    // Memory is back near the baseline.
    const gcExposed = collectGarbage()
    const after = process.memoryUsage()
    const grown = gcExposed ? after.heapUsed - baseHeap : after.rss - baseRss
    console.log(
      `receiver fuzzer memory: ${gcExposed ? 'heapUsed' : 'rss'} grew ${(grown / 1024 / 1024).toFixed(1)} MB`
    )
    expect(grown).toBeLessThan(MEMORY_SLACK_BYTES)

    // Every capture was journaled and reads back whole.
    await journal.close()
    const reread = await openJournal({ file: join(dir, 'history.jsonl'), cap: 100_000 })
    expect(reread.loadReport).toEqual({ loaded: captured, skipped: 0, error: null })
    await reread.close()
  }, 60_000)
})
