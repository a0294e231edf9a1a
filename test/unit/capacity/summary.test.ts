import { describe, expect, it } from 'vitest'
import { byKindKey, formatSeconds, protocolKindOfKey } from '@shared/capacity'
import { capacityOf, stepOf } from '@main/engine/capacity/step-stats'
import { firstFailure, summarize } from '@main/engine/capacity/summary'

const ok = (ms: number) => ({ kind: null, totalMs: ms })
const fail = (kind: string, ms: number) => ({ kind, totalMs: ms })

describe('capacity figures and sentence', () => {
  it('counts by kind and takes nearest-rank percentiles over every request', () => {
    const step = stepOf(4, [ok(10), ok(20), ok(30), fail('timeout', 2000)])
    expect(step).toEqual({
      concurrency: 4,
      sent: 4,
      ok: 3,
      protocolErrors: 1,
      byKind: { timeout: 1 },
      p50Ms: 20,
      p95Ms: 2000,
      maxMs: 2000
    })
  })

  it('the capacity is the highest level with no failure and p95 at most half the timeout', () => {
    const steps = [
      stepOf(1, [ok(100)]),
      stepOf(4, [ok(900), ok(1000)]),
      stepOf(16, [ok(1001)]),
      stepOf(64, [fail('timeout', 2000)])
    ]
    expect(capacityOf(steps, 2000)).toBe(4)
    expect(capacityOf([stepOf(1, [fail('dns', 3)])], 2000)).toBe(0)
  })

  it('says it in TrialKit terms', () => {
    const steps = [
      stepOf(16, [ok(500), ok(763)]),
      stepOf(64, [ok(100), fail('timeout', 2000), fail('timeout', 2000)])
    ]
    expect(summarize(steps, 16, 2000, null)).toBe(
      'Up to 16 site users saving at once: every save answered within 0.8 s. At 64, 2 of 3 saves end in a ProtocolError (timeout).'
    )
    const mixed = [stepOf(1, [fail('timeout', 9), fail('http-502', 1), fail('timeout', 9)])]
    expect(summarize(mixed, 0, 2000, 'all-failed')).toBe(
      'Not even the lowest level tried holds: site users see ProtocolErrors or long waits. At 1, 3 of 3 saves end in a ProtocolError (2 timeout, 1 answered HTTP 502 Bad Gateway). Every request of that level failed, so no higher level was tried.'
    )
  })

  it('names a level that is only slow, then the first where saves failed', () => {
    const steps = [stepOf(1, [ok(1200)]), stepOf(4, [ok(1200), fail('timeout', 2000)])]
    expect(summarize(steps, 0, 2000, null)).toBe(
      'Not even the lowest level tried holds: site users see ProtocolErrors or long waits. At 1, saves take 1200 ms at p95, more than half the 2 s timeout: site users wait. At 4, 1 of 2 saves end in a ProtocolError (timeout).'
    )
    expect(summarize([stepOf(1, [ok(5)])], 1, 2000, null)).toBe(
      'Up to 1 site user saving at once: every save answered within 5 ms. Every level tried held.'
    )
  })

  it('never counts a level as held when a lower one failed, nor says every save answered', () => {
    const flaky = [stepOf(1, [ok(10), fail('connection-reset', 3)]), stepOf(4, [ok(10), ok(12)])]
    expect(capacityOf(flaky, 2000)).toBe(0)
    expect(summarize(flaky, capacityOf(flaky, 2000), 2000, null)).toBe(
      'Not even the lowest level tried holds: site users see ProtocolErrors or long waits. At 1, 1 of 2 saves end in a ProtocolError (connection-reset).'
    )
    const later = [stepOf(1, [ok(10)]), stepOf(4, [fail('timeout', 2000)]), stepOf(16, [ok(10)])]
    expect(capacityOf(later, 2000)).toBe(1)
    expect(firstFailure(later, 1, 2000)).toBe(
      'At 4, 1 of 1 saves end in a ProtocolError (timeout).'
    )
    expect(firstFailure([stepOf(1, [ok(10)])], 1, 2000)).toBeNull()
  })

  it('names HTTP statuses and says when failures were rate limiting', () => {
    const step = stepOf(4, [ok(10), fail('http-429', 3), fail('http-429', 3), fail('http-500', 4)])
    expect(step.byKind).toEqual({ 'http-429': 2, 'http-500': 1 })
    expect(summarize([stepOf(1, [ok(10)]), step], 1, 2000, null)).toBe(
      'Up to 1 site user saving at once: every save answered within 10 ms. At 4, 3 of 4 saves end in a ProtocolError (2 answered HTTP 429 Too Many Requests, 1 answered HTTP 500 Internal Server Error). Those failures were rate limiting (HTTP 429): the endpoint refuses site users saving together, whatever its speed.'
    )
    expect(byKindKey('http-status', 429)).toBe('http-429')
    expect(byKindKey('timeout', null)).toBe('timeout')
    expect(protocolKindOfKey('http-429')).toBe('http-status')
    expect(protocolKindOfKey('timeout')).toBe('timeout')
  })

  it('formats seconds rounded up, never flattering', () => {
    expect(formatSeconds(763)).toBe('0.8 s')
    expect(formatSeconds(1000)).toBe('1 s')
    expect(formatSeconds(1001)).toBe('1.1 s')
    expect(formatSeconds(12.2)).toBe('13 ms')
  })
})
