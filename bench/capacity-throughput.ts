import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startBareServer } from './bare-server'
import type { CapacityJob, CapacityReply, CapacityResult } from './capacity-worker'
import { trackChild } from './cleanup'
import { withDeadline } from './deadline'
import { insertBody, USER_AGENT, wireHeaders } from './fixtures'
import { int, ms } from './format'
import { LoadGenerator } from './load-client'
import type { LoadResult } from './load-protocol'
import { progress } from './progress'
import { median, round } from './stats'
import type { Section, SectionContext, SectionOutput } from './types'

const CONCURRENCY = 64
const TARGET_RATIO = 0.8

interface Plan {
  rounds: number
  /** autocannon's run length per round. */
  durationS: number
  /** The capacity tool's requests per round (a run sends at most 5,000). */
  requests: number
}

function plan(quick: boolean): Plan {
  return quick
    ? { rounds: 1, durationS: 1, requests: 1000 }
    : { rounds: 3, durationS: 3, requests: 5000 }
}

/** The capacity worker beside this module (bundled, or from source under tsx). */
function startCapacityWorker(): ChildProcess {
  const fromSource = import.meta.url.endsWith('.ts')
  const worker = fileURLToPath(
    new URL(fromSource ? './capacity-worker.ts' : './capacity-worker.mjs', import.meta.url)
  )
  const child = fork(worker, [], {
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc']
  })
  trackChild(child)
  return child
}

function runCapacityJob(child: ChildProcess, job: CapacityJob): Promise<CapacityResult> {
  const work = new Promise<CapacityResult>((resolve, reject) => {
    const onMessage = (reply: CapacityReply): void => {
      child.off('exit', onExit)
      if (reply.ok) resolve(reply.result)
      else reject(new Error(`capacity worker: ${reply.error}`))
    }
    const onExit = (code: number | null): void => {
      child.off('message', onMessage)
      reject(new Error(`capacity worker exited (${code ?? 'signal'}) during a run`))
    }
    child.once('message', onMessage)
    child.once('exit', onExit)
    child.send(job)
  })
  return withDeadline(work, 60_000, 'a capacity-tool run')
}

/**
 * The capacity tool's own throughput at concurrency 64 against a bare local server, beside
 * autocannon with 64 connections in the same run, so the measuring tool is never the bottleneck.
 * Both run in a child process of their own; the capacity tool opens a fresh connection per
 * request with `Connection: close`, as TrialKit does, and autocannon sends the same headers and
 * body. Rounds alternate which goes first; medians are compared.
 */
async function run(ctx: SectionContext): Promise<SectionOutput> {
  const p = plan(ctx.quick)
  const server = await startBareServer()
  const body = insertBody(ctx.root)
  // autocannon writes Host and Content-Length itself; the rest are the dispatcher's own.
  const headers = Object.fromEntries(
    wireHeaders(server.url, body)
      .map(([n, v]) => [n.toLowerCase(), v])
      .filter(([n]) => n !== 'host' && n !== 'content-length')
  )
  const load = LoadGenerator.start(ctx.root)
  const tool = startCapacityWorker()
  const job = { url: server.url, body, headers, connections: CONCURRENCY }
  const toolRuns: CapacityResult[] = []
  const cannonRuns: LoadResult[] = []
  try {
    progress('capacity: warm-up')
    await load.run({ ...job, durationS: 1 })
    await runCapacityJob(tool, { url: server.url, concurrency: CONCURRENCY, requests: 640 })
    for (let r = 0; r < p.rounds; r++) {
      const order = r % 2 === 0 ? ['tool', 'autocannon'] : ['autocannon', 'tool']
      for (const side of order) {
        if (side === 'tool') {
          const result = await runCapacityJob(tool, {
            url: server.url,
            concurrency: CONCURRENCY,
            requests: p.requests
          })
          if (result.ok !== result.sent) {
            throw new Error(`the capacity tool saw ${result.sent - result.ok} failures`)
          }
          toolRuns.push(result)
        } else {
          const result = await load.run({ ...job, durationS: p.durationS })
          if (result.ok2xx !== result.completed || result.errors > 0) {
            throw new Error(
              `autocannon got ${result.non2xx} non-2xx answers and ${result.errors} errors`
            )
          }
          cannonRuns.push(result)
        }
      }
      progress(`capacity: round ${r + 1}/${p.rounds}`)
    }
  } finally {
    tool.disconnect()
    await load.close()
    await server.close()
  }
  const toolRps = median(toolRuns.map((x) => x.rps))
  const cannonRps = median(cannonRuns.map((x) => x.rps))
  const ratio = toolRps / cannonRps
  const toolP50 = median(toolRuns.map((x) => x.p50Ms ?? 0))
  const cannonP50 = median(cannonRuns.map((x) => x.latencyP50Ms))
  return {
    rows: [
      {
        section: 'capacity',
        figure: `Capacity tool throughput at concurrency ${CONCURRENCY}, bare local server (median of ${p.rounds})`,
        value: `${int(toolRps)} req/s (p50 ${ms(toolP50)})`,
        baseline: `autocannon, ${CONCURRENCY} connections: ${int(cannonRps)} req/s (p50 ${ms(cannonP50)})`,
        ratio,
        target: `≥ ${TARGET_RATIO}`,
        met: ratio >= TARGET_RATIO
      }
    ],
    details: {
      plan: p,
      userAgent: USER_AGENT,
      tool: toolRuns,
      autocannon: cannonRuns,
      ratio: round(ratio, 3)
    }
  }
}

export const capacityThroughput: Section = {
  name: 'capacity',
  title: `Capacity tool vs autocannon at concurrency ${CONCURRENCY}`,
  budgetMs: (quick) => (quick ? 90_000 : 240_000),
  run
}
