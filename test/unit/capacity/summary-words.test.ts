import { describe, expect, it } from 'vitest'
import type { CapacityStep } from '@shared/schemas'
import { capacityOf, stepHolds, stepOf } from '@main/engine/capacity/step-stats'
import { failureOf, firstFailure, summarize } from '@main/engine/capacity/summary'

/** The capacity sentence, each part of it, at the boundaries where its words change. */

const ok = (ms: number) => ({ kind: null, totalMs: ms })
const fail = (kind: string, ms: number) => ({ kind, totalMs: ms })

describe('failureOf', () => {
  it('names one kind bare, and a status with its reason phrase', () => {
    expect(failureOf(stepOf(2, [fail('timeout', 9), fail('timeout', 9)]), 2000)).toBe(
      'At 2, 2 of 2 saves end in a ProtocolError (timeout).'
    )
    expect(failureOf(stepOf(2, [ok(1), fail('http-503', 9)]), 2000)).toBe(
      'At 2, 1 of 2 saves end in a ProtocolError (1 answered HTTP 503 Service Unavailable).'
    )
    expect(failureOf(stepOf(2, [fail('http-599', 9)]), 2000)).toBe(
      'At 2, 1 of 1 saves end in a ProtocolError (1 answered HTTP 599).'
    )
  })

  it('lists kinds most frequent first, then by name', () => {
    const step = stepOf(8, [
      fail('timeout', 9),
      fail('dns', 9),
      fail('connection-reset', 9),
      fail('dns', 9)
    ])
    expect(failureOf(step, 2000)).toBe(
      'At 8, 4 of 4 saves end in a ProtocolError (2 dns, 1 connection-reset, 1 timeout).'
    )
  })

  it('says when no save finished, and a slow level by its p95', () => {
    expect(failureOf(stepOf(4, []), 2000)).toBe('At 4, no save finished.')
    expect(failureOf(stepOf(4, [ok(1500.4)]), 2000)).toBe(
      'At 4, saves take 1500 ms at p95, more than half the 2 s timeout: site users wait.'
    )
  })
})

describe('a level holds', () => {
  it('at p95 of exactly half the timeout, not above, and only with something sent', () => {
    expect(stepHolds(stepOf(1, [ok(1000)]), 2000)).toBe(true)
    expect(stepHolds(stepOf(1, [ok(1000.1)]), 2000)).toBe(false)
    expect(stepHolds(stepOf(1, []), 2000)).toBe(false)
    const noP95: CapacityStep = { ...stepOf(1, [ok(10)]), p95Ms: null }
    expect(stepHolds(noP95, 2000)).toBe(false)
  })

  it('the capacity is read in concurrency order, whatever order the steps come in', () => {
    const steps = [stepOf(16, [ok(10)]), stepOf(1, [ok(10)]), stepOf(4, [fail('timeout', 9)])]
    expect(capacityOf(steps, 2000)).toBe(1)
  })
})

describe('firstFailure', () => {
  it('skips levels at or below the capacity', () => {
    const steps = [stepOf(1, [fail('dns', 1)]), stepOf(4, [ok(10)]), stepOf(8, [fail('dns', 1)])]
    expect(firstFailure(steps, 4, 2000)).toBe('At 8, 1 of 1 saves end in a ProtocolError (dns).')
    expect(firstFailure(steps, 8, 2000)).toBeNull()
  })
})

describe('summarize', () => {
  it('says there is no figure when no level finished', () => {
    expect(summarize([], 0, 2000, null)).toBe('No level finished, so there is no figure yet.')
    expect(summarize([], 0, 2000, 'stopped')).toBe(
      'Stopped before the last level; these are the figures so far. No level finished, so there is no figure yet.'
    )
  })

  it('does not say every level held when the run was stopped', () => {
    const steps = [stepOf(1, [ok(10)]), stepOf(4, [ok(1000)])]
    expect(summarize(steps, 4, 2000, 'stopped')).toBe(
      'Up to 4 site users saving at once: every save answered within 1 s. Stopped before the last level; these are the figures so far.'
    )
  })

  it('a slow level followed by failures names both; failures at that level alone once', () => {
    const steps = [
      stepOf(1, [ok(10)]),
      stepOf(4, [ok(1500)]),
      stepOf(8, [ok(1500)]),
      stepOf(16, [fail('http-500', 3)])
    ]
    expect(summarize(steps, 1, 2000, null)).toBe(
      'Up to 1 site user saving at once: every save answered within 10 ms. At 4, saves take 1500 ms at p95, more than half the 2 s timeout: site users wait. At 16, 1 of 1 saves end in a ProtocolError (1 answered HTTP 500 Internal Server Error).'
    )
    const failing = [
      stepOf(1, [ok(10)]),
      stepOf(4, [fail('timeout', 2000)]),
      stepOf(8, [fail('dns', 1)])
    ]
    expect(summarize(failing, 1, 2000, null)).toBe(
      'Up to 1 site user saving at once: every save answered within 10 ms. At 4, 1 of 1 saves end in a ProtocolError (timeout).'
    )
  })

  it('a failure below the slow level is not named again after it', () => {
    const steps = [stepOf(1, [fail('dns', 1)]), stepOf(4, [ok(1500)])]
    expect(summarize(steps, 0, 2000, null)).toBe(
      'Not even the lowest level tried holds: site users see ProtocolErrors or long waits. At 1, 1 of 1 saves end in a ProtocolError (dns).'
    )
  })

  it('says rate limiting only when a 429 came', () => {
    const limited = [stepOf(1, [ok(10)]), stepOf(4, [fail('http-429', 1)])]
    expect(summarize(limited, 1, 2000, 'all-failed')).toBe(
      'Up to 1 site user saving at once: every save answered within 10 ms. At 4, 1 of 1 saves end in a ProtocolError (1 answered HTTP 429 Too Many Requests). Those failures were rate limiting (HTTP 429): the endpoint refuses site users saving together, whatever its speed. Every request of that level failed, so no higher level was tried.'
    )
  })
})
