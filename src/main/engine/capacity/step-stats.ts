import type { CapacityStep } from '@shared/schemas'
import { percentile } from '../check/percentiles'

function round1(ms: number): number {
  return Math.round(ms * 10) / 10
}

/** The outcome of one request of a capacity check. */
export interface CapacityOutcome {
  /** null: 2xx within the timeout; otherwise the ProtocolError kind. */
  kind: string | null
  totalMs: number
}

/**
 * One level's figures: every request counts in the latencies, failures included (a timeout is
 * as long as the TrialKit user waited), so a level that times out shows it in p95 and max.
 */
export function stepOf(concurrency: number, outcomes: readonly CapacityOutcome[]): CapacityStep {
  const byKind: Record<string, number> = {}
  for (const o of outcomes) if (o.kind !== null) byKind[o.kind] = (byKind[o.kind] ?? 0) + 1
  const times = outcomes.map((o) => o.totalMs)
  const p50 = percentile(times, 50)
  const p95 = percentile(times, 95)
  const protocolErrors = outcomes.filter((o) => o.kind !== null).length
  return {
    concurrency,
    sent: outcomes.length,
    ok: outcomes.length - protocolErrors,
    protocolErrors,
    byKind,
    p50Ms: p50 === null ? null : round1(p50),
    p95Ms: p95 === null ? null : round1(p95),
    maxMs: times.length === 0 ? null : round1(Math.max(...times))
  }
}

/** A level holds when it sent something, nothing failed and p95 is at most half the timeout. */
export function stepHolds(step: CapacityStep, timeoutMs: number): boolean {
  return (
    step.sent > 0 && step.protocolErrors === 0 && step.p95Ms !== null && step.p95Ms <= timeoutMs / 2
  )
}

/**
 * The highest level that holds with every level below it holding too; 0 when the lowest does not.
 * A higher level that happened to pass after a lower one failed proves nothing: failures that
 * come and go are failures.
 */
export function capacityOf(steps: readonly CapacityStep[], timeoutMs: number): number {
  let best = 0
  for (const s of [...steps].sort((a, b) => a.concurrency - b.concurrency)) {
    if (!stepHolds(s, timeoutMs)) break
    best = s.concurrency
  }
  return best
}
