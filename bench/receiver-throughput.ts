import { DEFAULT_HISTORY_CAP } from '../src/shared/schemas'
import { startBareServer } from './bare-server'
import { insertBody, USER_AGENT } from './fixtures'
import { int, ms } from './format'
import { LoadGenerator } from './load-client'
import {
  discardRound,
  engineRound,
  measured,
  type EngineRound,
  type Measured
} from './receiver-rounds'
import { progress } from './progress'
import { median, round, sum } from './stats'
import type { ResultRow, Section, SectionContext, SectionOutput } from './types'

const CONNECTIONS = 50
/** The most a journal keeps (PreferencesSchema); its file is rewritten only past twice that many lines. */
const KEEP_ALL_CAP = 100_000
/**
 * Rounds with that cap stop after 2 s, so that even at the bare server's rate (under 75,000
 * requests/s here) the file stays below the compaction point and every line still counts.
 */
const KEEP_ALL_MAX_S = 2
const TARGET_RATIO = 0.85
/**
 * The scale row: bare Fastify doing this much busy work per request besides. It shows what a
 * ratio means in CPU time on the machine at hand, where the load generator shares the cores.
 */
const SCALE_WORK_US = 2

type Side = 'bare' | 'scale' | 'discard' | 'default' | 'keepAll'
const SIDES: Side[] = ['bare', 'scale', 'discard', 'default', 'keepAll']

interface Plan {
  warmupS: number
  roundS: number
  rounds: number
}

function plan(quick: boolean): Plan {
  return quick ? { warmupS: 1, roundS: 1, rounds: 1 } : { warmupS: 2, roundS: 3, rounds: 3 }
}

function us(n: number): string {
  return `${n.toFixed(1)} µs`
}

function describe(r: Measured): string {
  return `${int(r.rps)} req/s (p50 ${ms(r.latencyP50Ms)}, p99 ${ms(r.latencyP99Ms)}, ${us(r.cpuUsPerRequest)} CPU/req)`
}

const medianOf = (rs: Measured[], pick: (r: Measured) => number): number => median(rs.map(pick))

/**
 * Requests/s of the receiver capturing and journaling every request with the UI's event stream
 * subscribed, against a bare Fastify server on the same route. The engine runs twice per round:
 * with the default history cap (as shipped; the journal compacts itself under load) and with the
 * largest cap (no compaction, so every capture is counted in the file). The sides rotate their
 * order each round, load comes from a child process, and medians are compared.
 */
async function run(ctx: SectionContext): Promise<SectionOutput> {
  const p = plan(ctx.quick)
  const job = {
    body: insertBody(ctx.root),
    headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': USER_AGENT },
    connections: CONNECTIONS
  }
  const load = LoadGenerator.start(ctx.root)
  const bare = await startBareServer()
  const scale = await startBareServer(SCALE_WORK_US)
  const bareRuns: Measured[] = []
  const scaleRuns: Measured[] = []
  const discardRuns: Measured[] = []
  const engineRuns: Record<'default' | 'keepAll', EngineRound[]> = { default: [], keepAll: [] }
  const cap = (side: Side): number | undefined => (side === 'keepAll' ? KEEP_ALL_CAP : undefined)
  try {
    progress(`receiver: warm-up ${p.warmupS} s each`)
    await load.run({ ...job, url: bare.url, durationS: p.warmupS })
    await engineRound(ctx.tmp, load, { ...job, durationS: p.warmupS }, undefined)
    for (let i = 0; i < p.rounds; i++) {
      const order = [...SIDES.slice(i % SIDES.length), ...SIDES.slice(0, i % SIDES.length)]
      for (const side of order) {
        const label = `receiver: round ${i + 1}/${p.rounds}`
        if (side === 'bare') {
          const r = await measured(load, { ...job, url: bare.url, durationS: p.roundS })
          bareRuns.push(r)
          progress(`${label} bare Fastify ${describe(r)}`)
        } else if (side === 'scale') {
          const r = await measured(load, { ...job, url: scale.url, durationS: p.roundS })
          scaleRuns.push(r)
          progress(`${label} bare Fastify + ${SCALE_WORK_US} µs of work ${describe(r)}`)
        } else if (side === 'discard') {
          const r = await discardRound(load, { ...job, durationS: p.roundS })
          discardRuns.push(r)
          progress(`${label} receiver, captures discarded ${describe(r)}`)
        } else {
          const durationS = side === 'keepAll' ? Math.min(p.roundS, KEEP_ALL_MAX_S) : p.roundS
          const r = await engineRound(ctx.tmp, load, { ...job, durationS }, cap(side))
          engineRuns[side].push(r)
          progress(
            `${label} engine (${side === 'default' ? 'default cap' : 'keep all'}) ${describe(r.load)}, journal ${int(r.journalLines)}, events ${int(r.eventsSeen)}, 2xx ${int(r.load.ok2xx)}`
          )
        }
      }
    }
  } finally {
    await bare.close()
    await scale.close()
    await load.close()
  }
  return summarize(p, bareRuns, scaleRuns, discardRuns, engineRuns.default, engineRuns.keepAll)
}

function summarize(
  p: Plan,
  bareRuns: Measured[],
  scaleRuns: Measured[],
  discardRuns: Measured[],
  defaults: EngineRound[],
  keepAll: EngineRound[]
): SectionOutput {
  const bareRps = medianOf(bareRuns, (r) => r.rps)
  const loads = (rs: EngineRound[]): Measured[] => rs.map((r) => r.load)
  const scaleRps = medianOf(scaleRuns, (r) => r.rps)
  const discardRps = medianOf(discardRuns, (r) => r.rps)
  const defaultRps = medianOf(loads(defaults), (r) => r.rps)
  const keepAllRps = medianOf(loads(keepAll), (r) => r.rps)
  const cpu = (rs: Measured[]): number => medianOf(rs, (r) => r.cpuUsPerRequest)
  const latency = (rs: Measured[]): string =>
    `${ms(medianOf(rs, (r) => r.latencyP50Ms))} / ${ms(medianOf(rs, (r) => r.latencyP99Ms))}`
  const all = [...defaults, ...keepAll]
  const completed = sum(all.map((r) => r.load.ok2xx))
  const events = sum(all.map((r) => r.eventsSeen))
  const journal = sum(keepAll.map((r) => r.journalLines))
  // A capture is emitted only once it is written, and an answer is sent only after that, so every
  // 2xx must show up as an event, and (without compaction) as a journal line. A request cut off at
  // the end of a round may be captured without its answer being counted, never the reverse.
  const lost =
    sum(all.map((r) => Math.max(0, r.load.ok2xx - r.eventsSeen))) +
    sum(keepAll.map((r) => Math.max(0, r.load.ok2xx - r.journalLines)))
  const failures = sum(all.map((r) => r.load.non2xx + r.load.errors + r.load.timeouts))
  const overCap = keepAll.some((r) => r.journalLines >= KEEP_ALL_CAP * 1.5)
  const rounds = `median of ${p.rounds} × ${p.roundS} s, ${CONNECTIONS} connections`
  const throughputRow = (figure: string, rps: number): ResultRow => ({
    section: 'receiver',
    figure,
    value: `${int(rps)} req/s`,
    baseline: `bare Fastify ${int(bareRps)} req/s`,
    ratio: rps / bareRps,
    target: `≥ ${TARGET_RATIO}`,
    met: rps / bareRps >= TARGET_RATIO
  })
  return {
    rows: [
      throughputRow(
        `Receiver throughput, capture + journal + event stream, default history cap ${int(DEFAULT_HISTORY_CAP)} (${rounds})`,
        defaultRps
      ),
      throughputRow(
        `Receiver throughput, same with history cap ${int(KEEP_ALL_CAP)} (no compaction; ${Math.min(p.roundS, KEEP_ALL_MAX_S)} s rounds)`,
        keepAllRps
      ),
      {
        ...throughputRow(
          'Receiver alone: same load, each capture built and discarded (no journal, history or event stream), for comparison',
          discardRps
        ),
        target: '—',
        met: null
      },
      {
        ...throughputRow(
          `For scale: bare Fastify doing ${SCALE_WORK_US} µs of busy work per request besides (nothing else)`,
          scaleRps
        ),
        target: '—',
        met: null
      },
      {
        section: 'receiver',
        figure: 'Receiver latency p50 / p99 under that load (default cap)',
        value: latency(loads(defaults)),
        baseline: `bare Fastify ${latency(bareRuns)}`,
        ratio: null,
        target: '—',
        met: null
      },
      {
        section: 'receiver',
        figure: `Server CPU time per request, user + system (default cap / cap 100,000 / captures discarded / bare + ${SCALE_WORK_US} µs work)`,
        value: `${us(cpu(loads(defaults)))} / ${us(cpu(loads(keepAll)))} / ${us(cpu(discardRuns))} / ${us(cpu(scaleRuns))}`,
        baseline: `bare Fastify ${us(cpu(bareRuns))}`,
        ratio: cpu(loads(defaults)) / cpu(bareRuns),
        target: '—',
        met: null
      },
      {
        section: 'receiver',
        figure:
          'Captures lost: 2xx answers missing from the events (all rounds) or the journal (cap 100,000)',
        value: `${int(lost)} (2xx ${int(completed)}, events ${int(events)}, journal lines ${int(journal)} of ${int(sum(keepAll.map((r) => r.load.ok2xx)))} 2xx; failed ${int(failures)})${overCap ? '; a round passed the cap, count unreliable' : ''}`,
        baseline: '—',
        ratio: null,
        target: '0 lost, 0 failed',
        met: lost === 0 && failures === 0 && !overCap
      }
    ],
    details: {
      connections: CONNECTIONS,
      plan: p,
      rps: {
        bare: round(bareRps),
        scale: round(scaleRps),
        discard: round(discardRps),
        default: round(defaultRps),
        keepAll: round(keepAllRps)
      },
      ratio: {
        scale: round(scaleRps / bareRps, 3),
        discard: round(discardRps / bareRps, 3),
        default: round(defaultRps / bareRps, 3),
        keepAll: round(keepAllRps / bareRps, 3)
      },
      cpuUsPerRequest: {
        bare: round(cpu(bareRuns)),
        scale: round(cpu(scaleRuns)),
        discard: round(cpu(discardRuns)),
        default: round(cpu(loads(defaults))),
        keepAll: round(cpu(loads(keepAll)))
      },
      lost,
      failures,
      bare: bareRuns,
      scale: { workUs: SCALE_WORK_US, runs: scaleRuns },
      discard: discardRuns,
      engineDefaultCap: defaults,
      engineKeepAll: keepAll
    }
  }
}

export const receiverThroughput: Section = {
  name: 'receiver',
  title: 'Receiver throughput',
  budgetMs: (quick) => {
    const p = plan(quick)
    const sides = SIDES.length
    return (
      ((p.warmupS * 2 + p.rounds * p.roundS * sides) * 1000 + 40_000 * (p.rounds * sides + 2)) | 0
    )
  },
  run
}
