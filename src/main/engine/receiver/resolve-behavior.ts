import type { Behavior, Delay, Fault, HeaderList } from '@shared/schemas'
import type { HookEvent } from '@shared/trialkit'

/** The answer a behaviour settles on for one request, before it is put on the wire. */
export interface ResolvedAnswer {
  status: number
  headers: HeaderList
  body: string
  delayMs: number
  fault: Fault
}

/**
 * Picks the delay for one request: the fixed value, or a whole number of milliseconds drawn
 * uniformly from [minMs, maxMs] (both ends included).
 */
export function pickDelay(delay: Delay, random: () => number): number {
  if (delay.maxMs <= delay.minMs) return delay.minMs
  const span = delay.maxMs - delay.minMs + 1
  return Math.min(delay.maxMs, delay.minMs + Math.floor(random() * span))
}

/**
 * Decides how to answer one request, as a pure function so it can be tested with a fixed random
 * source: the behaviour, then the override for the detected event, then (with probability
 * failure.rate) the failure status and fault, then the delay. Randomness is drawn in that order:
 * once for the failure (only when the rate is above 0), once for a delay range.
 */
export function resolveBehavior(
  behavior: Behavior,
  event: HookEvent | null,
  random: () => number
): ResolvedAnswer {
  const override = event === null ? undefined : behavior.overrides[event]
  let status = override?.status ?? behavior.status
  let fault = override?.fault ?? behavior.fault
  const { failure } = behavior
  if (failure.rate > 0 && random() < failure.rate) {
    status = failure.status
    fault = failure.fault
  }
  return {
    status,
    headers: override?.headers ?? behavior.headers,
    body: override?.body ?? behavior.body,
    delayMs: pickDelay(override?.delay ?? behavior.delay, random),
    fault
  }
}
