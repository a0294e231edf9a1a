import type { CheckItem, CheckReport } from '@shared/check'
import type { CapacityRun } from '@shared/schemas'
import { describeActual, type ScenarioRunResult } from '@shared/scenarios/run-scenario'
import { failureOf, stepHolds } from '../../engine'
import type { JunitCase, JunitSuite } from './junit-xml'

function elapsedS(startedAt: string, finishedAt: string): number {
  const ms = Date.parse(finishedAt) - Date.parse(startedAt)
  return Number.isFinite(ms) ? ms / 1000 : 0
}

function checkCase(item: CheckItem): JunitCase {
  const base = {
    name: `${item.title} (${item.id})`,
    classname: 'hook-inspector.check',
    time: 0,
    details: item.evidence
  }
  switch (item.status) {
    case 'fail':
      return { ...base, outcome: 'failure', message: item.summary }
    case 'skip':
    case 'not-run':
      return { ...base, outcome: 'skipped', message: item.summary }
    case 'warn':
      return { ...base, outcome: 'pass', message: `Warning: ${item.summary}` }
    default:
      return { ...base, outcome: 'pass', message: item.summary }
  }
}

/** The readiness check as JUnit: one case per item; a warning passes and says so in its output. */
export function checkSuite(report: CheckReport): JunitSuite {
  return {
    name: `hook-inspector check ${report.url}`,
    timestamp: report.startedAt,
    time: elapsedS(report.startedAt, report.finishedAt),
    cases: report.items.map(checkCase),
    out: [
      report.headline,
      ...(report.rootCause
        ? [`Root cause: ${report.rootCause.summary}`, ...report.rootCause.evidence]
        : [])
    ]
  }
}

/**
 * The capacity check as JUnit: one case per level (a failure when it did not hold), and one for
 * `--min-capacity` when it was given.
 */
export function capacitySuite(run: CapacityRun, minCapacity: number | undefined): JunitSuite {
  const cases: JunitCase[] = run.steps.map((s) => {
    const kinds = Object.entries(s.byKind).map(([k, n]) => `${k}: ${n}`)
    const details = [
      `sent ${s.sent}, ok ${s.ok}, ProtocolErrors ${s.protocolErrors}${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}`,
      `p50 ${s.p50Ms ?? '-'} ms, p95 ${s.p95Ms ?? '-'} ms, max ${s.maxMs ?? '-'} ms`
    ]
    const held = stepHolds(s, run.timeoutMs)
    return {
      name: `${s.concurrency} site user${s.concurrency === 1 ? '' : 's'} saving at once`,
      classname: 'hook-inspector.capacity',
      time: ((s.maxMs ?? 0) * s.sent) / Math.max(1, s.concurrency) / 1000,
      outcome: held ? 'pass' : 'failure',
      message: held ? `Held at ${s.concurrency}.` : failureOf(s, run.timeoutMs),
      details
    }
  })
  if (minCapacity !== undefined) {
    const ok = run.capacity >= minCapacity
    cases.push({
      name: `capacity at least ${minCapacity}`,
      classname: 'hook-inspector.capacity',
      time: 0,
      outcome: ok ? 'pass' : 'failure',
      message: `The capacity found is ${run.capacity}.`,
      details: [run.summary]
    })
  }
  return {
    name: `hook-inspector capacity ${run.url}`,
    timestamp: run.startedAt,
    time: elapsedS(run.startedAt, run.finishedAt),
    cases,
    out: [run.summary]
  }
}

/** A scenario run as JUnit: one case per step, a failure when it did not give what it expected. */
export function runSuite(result: ScenarioRunResult, startedAt: string): JunitSuite {
  const cases: JunitCase[] = result.steps.map((s) => {
    const status = s.exchange?.response?.status ?? null
    const got = `Got ${describeActual(s.actual, status)}.`
    return {
      name: `${s.index + 1}. ${s.title}`,
      classname: `hook-inspector.run.${result.name}`,
      time: (s.exchange?.timings.totalMs ?? 0) / 1000,
      outcome: s.passed ? 'pass' : 'failure',
      message: s.passed ? got : (s.message ?? `${got} Not what the step expects.`),
      details: s.passed ? (s.message ? [s.message] : []) : [got]
    }
  })
  return {
    name: `hook-inspector run ${result.name}`,
    timestamp: startedAt,
    time: elapsedS(startedAt, new Date().toISOString()),
    cases,
    out: [`against ${result.target.url}`]
  }
}
