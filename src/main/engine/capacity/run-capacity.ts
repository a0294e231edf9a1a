import { setMaxListeners } from 'node:events'
import {
  byKindKey,
  capacityHookName,
  MAX_CAPACITY_CONCURRENCY,
  requestsAt,
  type CapacityOptions,
  type CapacityProgress
} from '@shared/capacity'
import { fireHook } from '@shared/hook-record'
import type { CapacityRun, CapacityStep, Exchange } from '@shared/schemas'
import { buildEventBody } from '@shared/trialkit'
import type { Send } from '../ports'
import { capacityOf, stepOf, type CapacityOutcome } from './step-stats'
import { summarize } from './summary'

/** Exchanges kept in a run's report (failures first), and successes kept per level. */
export const MAX_KEPT_EXCHANGES = 500
const KEPT_SUCCESSES_PER_LEVEL = 10
/** Response body bytes kept per exchange: enough to read an error page, not a flood. */
const KEPT_RESPONSE_BYTES = 4096
/** Live progress at most this often while a level runs. */
const PROGRESS_EVERY_MS = 100

export interface CapacityDeps {
  /**
   * The send every sender ends in (ExchangesService.send): same bytes, headers, auth and
   * exchange records as `fire`. Each request is sent `unrecorded`: the run is one history entry.
   */
  send: Send
  /** Aborting stops at once; the report keeps what finished. */
  signal: AbortSignal
  onProgress?: (progress: CapacityProgress) => void
  now?: () => number
}

/** Waits `ms`, or less when the run is stopped. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

/** Distinct trans_ids for every request of a run (and across runs a second apart). */
function transIdBase(): number {
  return (Math.floor(Date.now() / 1000) % 1_000_000) * 10_000
}

/**
 * The capacity check: for each level in increasing order, sends that level's requests with
 * exactly `level` of them in flight (a new one leaves as soon as one ends), each the event
 * TrialKit would send, bounded by the hook timeout. It stops after the first level where every
 * request failed, or at once when aborted, and reports what it has.
 */
export async function runCapacity(
  runId: string,
  options: CapacityOptions,
  deps: CapacityDeps
): Promise<CapacityRun> {
  const now = deps.now ?? Date.now
  // Every request in flight listens for Stop on the one signal.
  setMaxListeners(MAX_CAPACITY_CONCURRENCY + 1, deps.signal)
  const startedAt = new Date().toISOString()
  const timeoutMs = options.timeoutSeconds * 1000
  const levels = [...new Set(options.levels)].sort((a, b) => a - b)
  const steps: CapacityStep[] = []
  const kept: Exchange[] = []
  const base = transIdBase()
  let seq = 0
  let requestsSent = 0
  let stopped: CapacityRun['stopped'] = null

  const progress = (current: CapacityProgress['current'], done: boolean): void => {
    deps.onProgress?.({
      runId,
      url: options.url,
      timeoutMs,
      levels,
      steps: [...steps],
      current,
      done
    })
  }

  for (const level of levels) {
    if (deps.signal.aborted) break
    const planned = requestsAt(level, options.requests)
    const outcomes: CapacityOutcome[] = []
    let next = 0
    let successesKept = 0
    let lastProgress = now()
    const hook = fireHook({
      name: capacityHookName(level),
      url: options.url,
      email: options.email,
      password: options.password,
      timeoutSeconds: options.timeoutSeconds
    })

    const one = async (): Promise<void> => {
      seq += 1
      const body = buildEventBody(options.event, { trans_id: String(base + seq) })
      const result = await deps.send({
        hook,
        event: options.event,
        body,
        origin: 'capacity',
        unrecorded: true,
        signal: deps.signal,
        responseBodyCap: KEPT_RESPONSE_BYTES
      })
      // A request cut short by Stop has no outcome to count.
      if (result.error?.kind === 'aborted') return
      requestsSent += 1
      const status = result.response?.status ?? null
      outcomes.push({
        kind: result.error ? byKindKey(result.error.kind, status) : null,
        totalMs: result.timings.totalMs
      })
      const failed = result.error !== null
      if (
        kept.length < MAX_KEPT_EXCHANGES &&
        (failed || successesKept < KEPT_SUCCESSES_PER_LEVEL)
      ) {
        if (!failed) successesKept += 1
        kept.push(result)
      }
      if (now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now()
        progress({ step: stepOf(level, outcomes), planned }, false)
      }
    }
    const worker = async (): Promise<void> => {
      while (next < planned && !deps.signal.aborted) {
        next += 1
        await one()
        // A site user reads the saved record before saving the next one.
        if (options.pauseMs > 0 && next < planned) await pause(options.pauseMs, deps.signal)
      }
    }
    await Promise.all(Array.from({ length: Math.min(level, planned) }, worker))

    if (outcomes.length > 0) steps.push(stepOf(level, outcomes))
    if (deps.signal.aborted) break
    const step = steps[steps.length - 1]
    progress(null, false)
    if (step && step.ok === 0 && level !== levels[levels.length - 1]) {
      stopped = 'all-failed'
      break
    }
  }
  if (deps.signal.aborted) stopped = 'stopped'

  const capacity = capacityOf(steps, timeoutMs)
  const run: CapacityRun = {
    type: 'capacity',
    id: runId,
    startedAt,
    finishedAt: new Date().toISOString(),
    url: options.url,
    event: options.event,
    timeoutMs,
    levels,
    steps,
    capacity,
    summary: summarize(steps, capacity, timeoutMs, stopped),
    stopped,
    exchanges: kept.sort((a, b) => a.startedAt.localeCompare(b.startedAt)),
    requestsSent
  }
  progress(null, true)
  return run
}
