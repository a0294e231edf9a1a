/**
 * The capacity tool as a load generator, run as a child process like autocannon's worker so the
 * two stand in the same place: never sharing an event loop with the server under test. It takes
 * one CapacityJob per IPC message and answers with a CapacityReply. Each job is the API's
 * `runCapacity` on a headless engine (history in memory, no receiver), the path
 * `hook-inspector capacity` takes.
 */
import { performance } from 'node:perf_hooks'
import { createHeadlessEngine, type Engine } from '../src/main/engine'
import { errorMessage } from '../src/shared/error-message'

export interface CapacityJob {
  url: string
  concurrency: number
  requests: number
}

export interface CapacityResult {
  rps: number
  sent: number
  ok: number
  p50Ms: number | null
  durationS: number
}

export type CapacityReply = { ok: true; result: CapacityResult } | { ok: false; error: string }

let engine: Promise<Engine> | null = null

async function runJob(job: CapacityJob): Promise<CapacityReply> {
  try {
    engine ??= createHeadlessEngine({ dataDir: null, startReceiver: false })
    const e = await engine
    const t0 = performance.now()
    const run = await e.runCapacity({
      url: job.url,
      event: 'insert',
      levels: [job.concurrency],
      requests: job.requests,
      timeoutSeconds: 10,
      pauseMs: 0
    })
    const durationS = (performance.now() - t0) / 1000
    const step = run.steps[0]
    return {
      ok: true,
      result: {
        rps: (step?.sent ?? 0) / durationS,
        sent: step?.sent ?? 0,
        ok: step?.ok ?? 0,
        p50Ms: step?.p50Ms ?? null,
        durationS
      }
    }
  } catch (error) {
    return { ok: false, error: errorMessage(error) }
  }
}

process.on('message', (job: CapacityJob) => {
  void runJob(job).then((reply) => process.send?.(reply))
})
process.on('disconnect', () => process.exit(0))
