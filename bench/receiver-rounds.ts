import { rm } from 'node:fs/promises'
import { startReceiver } from '../src/main/engine'
import { HEALTHY_BEHAVIOR } from '../src/shared/presets'
import { EventBroadcast } from '../src/main/web/event-broadcast'
import { countLines, startBenchEngine } from './engine-fixture'
import type { LoadGenerator } from './load-client'
import type { LoadJob, LoadResult } from './load-protocol'

/** A load run with the server's CPU time per completed request (this process, all threads). */
export interface Measured extends LoadResult {
  cpuUsPerRequest: number
}

export interface EngineRound {
  load: Measured
  /** Lines in history.jsonl after the engine closed (all captures, unless compaction ran). */
  journalLines: number
  /** Captures that reached the batched event stream. */
  eventsSeen: number
  eventBatches: number
}

/**
 * Runs one job and measures this process's CPU time meanwhile: the server under test runs here,
 * the load generator does not, so on a shared machine CPU per request is a steadier figure than
 * requests per second.
 */
export async function measured(load: LoadGenerator, job: LoadJob): Promise<Measured> {
  const before = process.cpuUsage()
  const result = await load.run(job)
  const cpu = process.cpuUsage(before)
  const cpuUsPerRequest = result.completed > 0 ? (cpu.user + cpu.system) / result.completed : 0
  return { ...result, cpuUsPerRequest }
}

/**
 * One engine round: a fresh headless engine (temp data dir, journal on disk, the given history
 * cap or the default one) whose events are serialized for the UI's event stream, loaded for
 * the job's duration; then the engine is closed (journal flushed) and the captures counted, in
 * the file and as events.
 */
export async function engineRound(
  tmp: string,
  load: LoadGenerator,
  job: Omit<LoadJob, 'url'>,
  historyCap: number | undefined
): Promise<EngineRound> {
  const bench = await startBenchEngine(tmp, historyCap)
  let eventsSeen = 0
  let eventBatches = 0
  // Subscribed as the UI's event stream subscribes (the same code, without the socket), so the
  // cost of serializing every event for it is included.
  let captured = 0
  const count = bench.engine.on('capture', () => captured++)
  const events = new EventBroadcast(bench.engine, 50)
  const leave = events.add(() => {
    // Each batch holds the captures emitted since the last one.
    eventsSeen = captured
    eventBatches++
  })
  try {
    const result = await measured(load, { ...job, url: `${bench.receiverUrl}hook` })
    await bench.engine.close()
    events.drain()
    const journalLines = await countLines(bench.journalFile)
    return { load: result, journalLines, eventsSeen, eventBatches }
  } finally {
    leave()
    count()
    await bench.engine.close()
    await rm(bench.dataDir, { recursive: true, force: true })
  }
}

/**
 * The receiver alone, answering as the Healthy behaviour with every capture built and then
 * thrown away: the cost of the receiver's own request path (Fastify, the raw body, the capture),
 * without the journal, the history or the event stream.
 */
export async function discardRound(
  load: LoadGenerator,
  job: Omit<LoadJob, 'url'>
): Promise<Measured> {
  let captured = 0
  const receiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    getBehavior: () => HEALTHY_BEHAVIOR,
    onCapture: () => {
      captured++
    }
  })
  try {
    const result = await measured(load, { ...job, url: `${receiver.url}hook` })
    if (captured < result.ok2xx) {
      throw new Error(
        `the receiver answered ${result.ok2xx} requests but built ${captured} captures`
      )
    }
    return result
  } finally {
    await receiver.close()
  }
}
