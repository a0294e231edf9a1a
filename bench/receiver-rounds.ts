import { rm } from 'node:fs/promises'
import type { EngineEvent } from '../src/shared/api'
import { EventBatcher } from '../src/shared/event-batcher'
import { eventsJson } from '../src/main/engine/json-text'
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
 * cap or the default one) whose captures feed an EventBatcher as the transports do, loaded for
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
  // Serialized by the SSE stream's own serializer, so the cost of the UI's subscription is included.
  const batcher = new EventBatcher((batch: EngineEvent[]) => {
    eventsJson(batch)
    eventsSeen += batch.length
    eventBatches++
  })
  const unsubscribe = bench.engine.on('capture', (data) => batcher.push({ type: 'capture', data }))
  try {
    const result = await measured(load, { ...job, url: `${bench.receiverUrl}hook` })
    await bench.engine.close()
    batcher.drain()
    const journalLines = await countLines(bench.journalFile)
    return { load: result, journalLines, eventsSeen, eventBatches }
  } finally {
    unsubscribe()
    batcher.dispose()
    await bench.engine.close()
    await rm(bench.dataDir, { recursive: true, force: true })
  }
}
