/**
 * A decompression bomb costs the receiver no more than a plain request of its size: a few hundred
 * bytes of brotli that expand to 80 MiB must not hold the event loop, so a normal request sent
 * alongside a burst of them is answered about as fast as alongside a burst of plain requests of
 * the same size. Compared in the same run (a ratio with a loose bound); the timings themselves
 * are in docs/BENCHMARKS.md.
 */
import { performance } from 'node:perf_hooks'
import { brotliCompressSync, constants } from 'node:zlib'
import { Agent, request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixture, startHarness, type Harness } from '../helpers/receiver-harness'

const BURST = 8
const ROUNDS = 3

let h: Harness
const agent = new Agent({ connections: BURST + 2, keepAliveTimeout: 1000 })

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await agent.close()
  await h.close()
})

const BOMB = brotliCompressSync(Buffer.alloc(80 * 1024 * 1024), {
  params: { [constants.BROTLI_PARAM_QUALITY]: 5 }
})
/** The same number of bytes, not coded. */
const PLAIN = Buffer.alloc(BOMB.length, 0x61)

async function post(body: Buffer, headers: Record<string, string>): Promise<number> {
  const res = await request(h.url('/hook'), {
    dispatcher: agent,
    method: 'POST',
    headers,
    body,
    headersTimeout: 30_000,
    bodyTimeout: 30_000
  })
  await res.body.dump()
  return res.statusCode
}

/** Milliseconds a normal TrialKit insert takes while `burst` other requests arrive with it. */
async function normalLatencyAlongside(burst: () => Promise<number>): Promise<number> {
  const others = Array.from({ length: BURST }, burst)
  const t0 = performance.now()
  const status = await post(fixture('insert'), { 'Content-Type': 'application/json' })
  const elapsed = performance.now() - t0
  expect(status).toBe(200)
  expect(await Promise.all(others)).toEqual(Array(BURST).fill(200))
  return elapsed
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

describe('decompression bombs', () => {
  it('delay a normal request no more than plain requests of the same size do', async () => {
    expect(BOMB.length).toBeLessThan(1024)
    const withPlain: number[] = []
    const withBombs: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      withPlain.push(
        await normalLatencyAlongside(() => post(PLAIN, { 'Content-Type': 'text/plain' }))
      )
      withBombs.push(
        await normalLatencyAlongside(() =>
          post(BOMB, { 'Content-Type': 'application/json', 'Content-Encoding': 'br' })
        )
      )
    }
    // Loose: a bomb decoded in one synchronous call holds the loop for hundreds of ms each.
    expect(median(withBombs)).toBeLessThan(median(withPlain) * 4 + 100)
    // Each bomb is recorded with the reason it was not read, its bytes kept as received.
    const bombs = h.captures.filter((c) => c.headers.some(([, v]) => v === 'br'))
    expect(bombs).toHaveLength(BURST * ROUNDS)
    expect(new Set(bombs.map((c) => c.jsonError))).toEqual(
      new Set([
        'Not parsed: it decodes to more than 64 KiB (the receiver reads up to 64 KiB of a coded body; it is decoded in full when shown).'
      ])
    )
    expect(bombs.every((c) => Buffer.from(c.bodyBase64, 'base64').equals(BOMB))).toBe(true)
  }, 60_000)
})
