import { rm } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { dispatch, dispatchTargetOf } from '../src/main/engine'
import { fireHook } from '../src/shared/hook-record'
import { HEALTHY_BEHAVIOR } from '../src/shared/presets'
import { buildEventBody, type HookEvent } from '../src/shared/trialkit'
import { startBenchEngine } from './engine-fixture'
import { USER_AGENT } from './fixtures'
import { ms, ms1 } from './format'
import { progress } from './progress'
import { max, median, min, round } from './stats'
import type { Section, SectionContext, SectionOutput } from './types'

const DELAY_MS = 250
const TOLERANCE_MS = 10

function plan(quick: boolean): { requests: number; group: number } {
  return quick ? { requests: 10, group: 5 } : { requests: 50, group: 5 }
}

/** Client-side time of one successful request to the receiver, in ms. */
async function timeRequest(url: string, event: HookEvent): Promise<number> {
  const t0 = performance.now()
  const result = await dispatch({
    target: dispatchTargetOf(fireHook({ name: 'Bench', url, timeoutSeconds: 10 })),
    body: buildEventBody(event),
    userAgent: USER_AGENT
  })
  const elapsed = performance.now() - t0
  if (result.error) throw new Error(`request failed: ${result.error.kind}: ${result.error.message}`)
  return elapsed
}

/**
 * How exactly a configured delay lands, as the client sees it: the receiver delays insert events
 * by 250 ms (a per-event override) and answers update events at once, so delayed and undelayed
 * requests interleave in the same run and the undelayed ones are the baseline.
 */
async function run(ctx: SectionContext): Promise<SectionOutput> {
  const p = plan(ctx.quick)
  const bench = await startBenchEngine(ctx.tmp)
  const delayed: number[] = []
  const undelayed: number[] = []
  try {
    await bench.engine.setBehavior({
      ...structuredClone(HEALTHY_BEHAVIOR),
      overrides: { insert: { delay: { minMs: DELAY_MS, maxMs: DELAY_MS } } },
      preset: null
    })
    const url = `${bench.receiverUrl}hook`
    // Warm-up: first connections and code paths are slower than the rest.
    await timeRequest(url, 'update')
    await timeRequest(url, 'insert')
    for (let done = 0; done < p.requests; done += p.group) {
      const n = Math.min(p.group, p.requests - done)
      const batch = (event: HookEvent): Promise<number[]> =>
        Promise.all(Array.from({ length: n }, () => timeRequest(url, event)))
      undelayed.push(...(await batch('update')))
      delayed.push(...(await batch('insert')))
    }
    progress(`delay: ${delayed.length} delayed and ${undelayed.length} undelayed requests`)
  } finally {
    await bench.engine.close()
    await rm(bench.dataDir, { recursive: true, force: true })
  }
  const base = median(undelayed)
  const expected = DELAY_MS + base
  const deviations = delayed.map((t) => t - expected)
  const worst = deviations.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0)
  const within = deviations.filter((d) => Math.abs(d) <= TOLERANCE_MS).length
  const sign = (d: number): string => `${d >= 0 ? '+' : '−'}${ms(Math.abs(d))}`
  return {
    rows: [
      {
        section: 'delay',
        figure: `Delay ${DELAY_MS} ms as the client sees it, ${delayed.length} requests (min / median / max)`,
        value: `${ms1(min(delayed))} / ${ms1(median(delayed))} / ${ms1(max(delayed))} ms; worst ${sign(worst)}`,
        baseline: `${DELAY_MS} ms + undelayed median ${ms(base)} = ${ms1(expected)} ms`,
        ratio: median(delayed) / expected,
        target: `all within ±${TOLERANCE_MS} ms`,
        met: within === delayed.length
      }
    ],
    details: {
      plan: p,
      delayMs: DELAY_MS,
      undelayedMedianMs: round(base, 2),
      within,
      worstDeviationMs: round(worst, 2),
      delayedMs: delayed.map((t) => round(t, 2)),
      undelayedMs: undelayed.map((t) => round(t, 2))
    }
  }
}

export const delayPrecision: Section = {
  name: 'delay',
  title: 'Delay precision',
  budgetMs: (quick) => (quick ? 30_000 : 60_000),
  run
}
