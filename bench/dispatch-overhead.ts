import { performance } from 'node:perf_hooks'
import { request } from 'undici'
import { dispatch, dispatchTargetOf } from '../src/main/engine'
import { fireHook } from '../src/shared/hook-record'
import { startBareServer } from './bare-server'
import { insertBody, USER_AGENT, wireHeaders } from './fixtures'
import { int, ms } from './format'
import { progress } from './progress'
import { median, percentile, round } from './stats'
import type { Section, SectionContext, SectionOutput } from './types'

const TARGET_RATIO = 1.2
const TIMEOUT_MS = 10_000

interface Plan {
  warmup: number
  perSide: number
  block: number
}

function plan(quick: boolean): Plan {
  return quick
    ? { warmup: 20, perSide: 200, block: 50 }
    : { warmup: 100, perSide: 2000, block: 100 }
}

/**
 * Time of one dispatcher call, in ms; throws when it did not succeed (a benchmark of failures
 * would measure the wrong thing).
 */
async function timeDispatch(url: string, body: string): Promise<number> {
  const t0 = performance.now()
  const result = await dispatch({
    target: dispatchTargetOf(fireHook({ name: 'Bench', url, timeoutSeconds: TIMEOUT_MS / 1000 })),
    body,
    userAgent: USER_AGENT
  })
  const elapsed = performance.now() - t0
  if (result.error)
    throw new Error(`dispatch failed: ${result.error.kind}: ${result.error.message}`)
  return elapsed
}

/** The raw baseline: undici.request with the dispatcher's exact headers, body read to the end. */
async function timeUndici(url: string, body: string, headers: string[]): Promise<number> {
  const t0 = performance.now()
  const res = await request(url, {
    method: 'POST',
    headers,
    body,
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS
  })
  await res.body.arrayBuffer()
  const elapsed = performance.now() - t0
  if (res.statusCode !== 200) throw new Error(`undici got status ${res.statusCode}`)
  return elapsed
}

/**
 * Per-request time of the dispatcher against raw undici.request, sequentially, to the same bare
 * local server, interleaved in blocks (alternating which goes first) so drift hits both alike.
 */
async function run(ctx: SectionContext): Promise<SectionOutput> {
  const p = plan(ctx.quick)
  const body = insertBody(ctx.root)
  const server = await startBareServer()
  const headers = wireHeaders(server.url, body).flat()
  const viaDispatch: number[] = []
  const viaUndici: number[] = []
  try {
    for (let i = 0; i < p.warmup; i++) {
      await timeDispatch(server.url, body)
      await timeUndici(server.url, body, headers)
    }
    const blocks = Math.ceil(p.perSide / p.block)
    for (let b = 0; b < blocks; b++) {
      const sides = b % 2 === 0 ? ['dispatch', 'undici'] : ['undici', 'dispatch']
      for (const side of sides) {
        for (let i = 0; i < p.block; i++) {
          if (side === 'dispatch') viaDispatch.push(await timeDispatch(server.url, body))
          else viaUndici.push(await timeUndici(server.url, body, headers))
        }
      }
      if ((b + 1) % 5 === 0 || b === blocks - 1) {
        progress(`dispatch: ${viaDispatch.length}/${p.perSide} each`)
      }
    }
  } finally {
    await server.close()
  }
  const d50 = median(viaDispatch)
  const u50 = median(viaUndici)
  const ratio = d50 / u50
  return {
    rows: [
      {
        section: 'dispatch',
        figure: `Dispatch time, median of ${int(viaDispatch.length)} sequential fires (p95)`,
        value: `${ms(d50)} (p95 ${ms(percentile(viaDispatch, 95))})`,
        baseline: `undici.request ${ms(u50)} (p95 ${ms(percentile(viaUndici, 95))})`,
        ratio,
        target: `≤ ${TARGET_RATIO}`,
        met: ratio <= TARGET_RATIO
      }
    ],
    details: {
      plan: p,
      dispatch: summary(viaDispatch),
      undici: summary(viaUndici),
      ratio: round(ratio, 3)
    }
  }
}

function summary(samples: number[]): Record<string, number> {
  return {
    count: samples.length,
    p50: round(median(samples), 3),
    p95: round(percentile(samples, 95), 3),
    p99: round(percentile(samples, 99), 3)
  }
}

export const dispatchOverhead: Section = {
  name: 'dispatch',
  title: 'Dispatch overhead',
  budgetMs: (quick) => (quick ? 60_000 : 180_000),
  run
}
