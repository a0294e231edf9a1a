import { describe, expect, it } from 'vitest'
import type { CapacityStep } from '@shared/schemas'
import { capacityOf, stepHolds, stepOf } from '@main/engine/capacity/step-stats'
import { summarize } from '@main/engine/capacity/summary'

/** A level's figures with nothing sent, a level held by hand-made figures, and the level order. */

const ok = (ms: number) => ({ kind: null, totalMs: ms })
const fail = (kind: string, ms: number) => ({ kind, totalMs: ms })

describe('step figures', () => {
  it('has no latencies when nothing was sent', () => {
    expect(stepOf(4, [])).toEqual({
      concurrency: 4,
      sent: 0,
      ok: 0,
      protocolErrors: 0,
      byKind: {},
      p50Ms: null,
      p95Ms: null,
      maxMs: null
    })
  })

  it('a level that sent nothing never holds, whatever its figures say', () => {
    const empty: CapacityStep = { ...stepOf(1, [ok(5)]), sent: 0, ok: 0 }
    expect(stepHolds(empty, 2000)).toBe(false)
  })

  it('reads levels lowest first, so a failed lower level caps the capacity', () => {
    expect(capacityOf([stepOf(4, [ok(10)]), stepOf(1, [fail('dns', 1)])], 2000)).toBe(0)
    expect(capacityOf([stepOf(4, [ok(10)]), stepOf(1, [ok(10)])], 2000)).toBe(4)
  })
})

describe('the sentence at its edges', () => {
  it('never calls a level of 0 users a capacity', () => {
    const steps = [stepOf(0, [ok(5)]), stepOf(1, [fail('dns', 1)])]
    expect(summarize(steps, 0, 2000, null)).toBe(
      'Not even the lowest level tried holds: site users see ProtocolErrors or long waits. At 1, 1 of 1 saves end in a ProtocolError (dns).'
    )
  })

  it('says a kind that only looks like a status as it is', () => {
    const step = stepOf(2, [fail('http-5000', 1), fail('x-http-500', 1)])
    expect(summarize([step], 0, 2000, null)).toBe(
      'Not even the lowest level tried holds: site users see ProtocolErrors or long waits. At 2, 2 of 2 saves end in a ProtocolError (1 http-5000, 1 x-http-500).'
    )
  })
})
