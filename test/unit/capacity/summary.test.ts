import { describe, expect, it } from 'vitest'
import { formatSeconds } from '../../../src/shared/capacity'
import { capacityOf, stepOf } from '../../../src/main/engine/capacity/step-stats'
import { summarize } from '../../../src/main/engine/capacity/summary'

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
    const mixed = [stepOf(1, [fail('timeout', 9), fail('http-status', 1), fail('timeout', 9)])]
    expect(summarize(mixed, 0, 2000, 'all-failed')).toBe(
      'Not even the lowest level tried holds: site users see ProtocolErrors or long waits. At 1, 3 of 3 saves end in a ProtocolError (2 timeout, 1 http-status). Every request of that level failed, so no higher level was tried.'
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

  it('formats seconds rounded up, never flattering', () => {
    expect(formatSeconds(763)).toBe('0.8 s')
    expect(formatSeconds(1000)).toBe('1 s')
    expect(formatSeconds(1001)).toBe('1.1 s')
    expect(formatSeconds(12.2)).toBe('13 ms')
  })
})
