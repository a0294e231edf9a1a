import { STATUS_CODES } from 'node:http'
import type { CapacityStep } from '@shared/schemas'
import { formatSeconds } from '@shared/capacity'
import { stepHolds } from './step-stats'

function users(n: number): string {
  return n === 1 ? '1 site user' : `${n} site users`
}

/** "52 answered HTTP 429 Too Many Requests" for a status key, "30 timeout" for another kind. */
function kindCount(key: string, n: number): string {
  const m = /^http-(\d{3})$/.exec(key)
  if (!m) return `${n} ${key}`
  const status = Number(m[1])
  const text = STATUS_CODES[status]
  return `${n} answered HTTP ${status}${text ? ` ${text}` : ''}`
}

/** "(timeout)" or "(30 timeout, 8 answered HTTP 500 Internal Server Error)": most frequent first. */
function kindsOf(step: CapacityStep): string {
  const kinds = Object.entries(step.byKind).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  if (kinds.length === 1 && !kinds[0]![0].startsWith('http-')) return `(${kinds[0]![0]})`
  return `(${kinds.map(([k, n]) => kindCount(k, n)).join(', ')})`
}

/** Whether any level's failures were rate limiting (429). */
function rateLimited(steps: readonly CapacityStep[]): boolean {
  return steps.some((s) => (s.byKind['http-429'] ?? 0) > 0)
}

/** What went wrong at a level that does not hold, in TrialKit's terms. */
export function failureOf(step: CapacityStep, timeoutMs: number): string {
  const at = `At ${step.concurrency}`
  if (step.protocolErrors > 0) {
    const of = `${step.protocolErrors} of ${step.sent}`
    return `${at}, ${of} saves end in a ProtocolError ${kindsOf(step)}.`
  }
  if (step.sent === 0) return `${at}, no save finished.`
  return `${at}, saves take ${Math.round(step.p95Ms ?? 0)} ms at p95, more than half the ${formatSeconds(timeoutMs)} timeout: site users wait.`
}

/**
 * The first level above the capacity that did not hold, in one sentence ("At 16, 12 of 64 saves
 * end in a ProtocolError (…)."), or null when every level held: why a `--min-capacity` failed.
 */
export function firstFailure(
  steps: readonly CapacityStep[],
  capacity: number,
  timeoutMs: number
): string | null {
  const failed = steps.find((s) => s.concurrency > capacity && !stepHolds(s, timeoutMs))
  return failed ? failureOf(failed, timeoutMs) : null
}

/**
 * The capacity check in one or two sentences a study team can act on: "Up to 16 site users
 * saving at once: every save answered within 0.8 s. At 64, 38 of 64 saves end in a ProtocolError
 * (timeout)."
 */
export function summarize(
  steps: readonly CapacityStep[],
  capacity: number,
  timeoutMs: number,
  stopped: 'stopped' | 'all-failed' | null
): string {
  const parts: string[] = []
  const held = steps.find((s) => s.concurrency === capacity)
  if (held && capacity > 0) {
    parts.push(
      `Up to ${users(capacity)} saving at once: every save answered within ${formatSeconds(held.maxMs ?? 0)}.`
    )
  } else if (steps.length > 0) {
    parts.push(
      'Not even the lowest level tried holds: site users see ProtocolErrors or long waits.'
    )
  }
  // Stryker disable next-line LogicalOperator,ConditionalExpression,EqualityOperator: capacity is capacityOf(steps), so every level up to it holds and the first above it that does not is the first that does not
  const failed = steps.find((s) => s.concurrency > capacity && !stepHolds(s, timeoutMs))
  if (failed) parts.push(failureOf(failed, timeoutMs))
  else if (steps.length > 0 && stopped === null) parts.push('Every level tried held.')
  // A level that was only slow is followed by the first one where saves failed, if any.
  const erred = steps.find(
    // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: no level below a failed one has errors (it would not hold), and this is read only when failed is set
    (s) => s.concurrency > (failed?.concurrency ?? 0) && s.protocolErrors > 0
  )
  if (failed && failed.protocolErrors === 0 && erred) parts.push(failureOf(erred, timeoutMs))

  if (rateLimited(steps)) {
    parts.push(
      'Those failures were rate limiting (HTTP 429): the endpoint refuses site users saving together, whatever its speed.'
    )
  }
  if (stopped === 'stopped')
    parts.push('Stopped before the last level; these are the figures so far.')
  if (stopped === 'all-failed')
    parts.push('Every request of that level failed, so no higher level was tried.')
  if (steps.length === 0) parts.push('No level finished, so there is no figure yet.')
  return parts.join(' ')
}
