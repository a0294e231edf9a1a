import { rm } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { behaviorPreset } from '../src/shared/presets'
import { startBenchEngine } from './engine-fixture'
import { int, ms1 } from './format'
import { progress } from './progress'
import { max, median, min, round } from './stats'
import type { Section, SectionContext, SectionOutput } from './types'

const TIMEOUT_S = 1
const LOW_MS = 1000
const HIGH_MS = 1050

interface Landing {
  /** Measured by the caller, from fire() to its result. */
  clientMs: number
  /** The exchange's own total time. */
  totalMs: number
  kind: string | null
}

function plan(quick: boolean): { fires: number; group: number } {
  return quick ? { fires: 10, group: 5 } : { fires: 50, group: 5 }
}

/**
 * When the `timeout` ProtocolError lands for a 1 s hook timeout: engine.fire at the engine's own
 * receiver set to Hang, a few fires at a time so the section takes seconds, not a minute.
 */
async function run(ctx: SectionContext): Promise<SectionOutput> {
  const p = plan(ctx.quick)
  const bench = await startBenchEngine(ctx.tmp)
  const landings: Landing[] = []
  try {
    await bench.engine.setBehavior(behaviorPreset('Hang'))
    const hook = { name: 'bench', url: `${bench.receiverUrl}hook`, timeoutSeconds: TIMEOUT_S }
    for (let done = 0; done < p.fires; done += p.group) {
      const group = Array.from({ length: Math.min(p.group, p.fires - done) }, async () => {
        const t0 = performance.now()
        const exchange = await bench.engine.fire({ hook, event: 'insert' })
        return {
          clientMs: performance.now() - t0,
          totalMs: exchange.timings.totalMs,
          kind: exchange.error?.kind ?? null
        }
      })
      landings.push(...(await Promise.all(group)))
    }
    progress(`timeout: ${landings.length} fires landed`)
  } finally {
    await bench.engine.close()
    await rm(bench.dataDir, { recursive: true, force: true })
  }
  const times = landings.map((l) => l.clientMs)
  const wrongKind = landings.filter((l) => l.kind !== 'timeout').length
  const inWindow = times.filter((t) => t >= LOW_MS && t <= HIGH_MS).length
  const worst = max(times)
  return {
    rows: [
      {
        section: 'timeout',
        figure: `Timeout ${TIMEOUT_S} s → ProtocolError lands, ${landings.length} fires (min / median / max)`,
        value: `${ms1(min(times))} / ${ms1(median(times))} / ${ms1(worst)} ms${wrongKind ? `; ${wrongKind} not a timeout` : ''}`,
        baseline: `configured ${int(TIMEOUT_S * 1000)} ms`,
        ratio: worst / (TIMEOUT_S * 1000),
        target: `all within ${int(LOW_MS)}–${int(HIGH_MS)} ms`,
        met: inWindow === landings.length && wrongKind === 0
      }
    ],
    details: {
      plan: p,
      inWindow,
      wrongKind,
      clientMs: times.map((t) => round(t, 1)),
      exchangeTotalMs: landings.map((l) => l.totalMs),
      minMs: round(min(times), 1),
      medianMs: round(median(times), 1),
      maxMs: round(worst, 1),
      exchangeMaxMs: max(landings.map((l) => l.totalMs))
    }
  }
}

export const timeoutPrecision: Section = {
  name: 'timeout',
  title: 'Timeout precision',
  budgetMs: (quick) => (quick ? 30_000 : 60_000),
  run
}
