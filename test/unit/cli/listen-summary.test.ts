import { describe, expect, it } from 'vitest'
import { behaviorSummary } from '@main/cli/listen-summary'
import { FAULTS, type Fault } from '@shared/schemas'

const DELAY = { minMs: 300, maxMs: 300 }

describe("listen's start summary", () => {
  it('sums up every fault: by its status when it answers, by its name when it does not', () => {
    const said = Object.fromEntries(
      FAULTS.map((fault) => [
        fault,
        behaviorSummary({ status: 503, delay: DELAY, fault, expectedAuth: null })
      ])
    )
    expect(said).toEqual({
      none: 'status 503, delay 300 ms',
      hang: 'fault hang, delay 300 ms',
      drop: 'fault drop, delay 300 ms',
      reset: 'fault reset, delay 300 ms',
      'slow-body': 'status 503, body trickled over the delay, delay 300 ms'
    } satisfies Record<Fault, string>)
  })

  it('names a delay range and the expected credentials', () => {
    expect(
      behaviorSummary({
        status: 200,
        delay: { minMs: 100, maxMs: 400 },
        fault: 'none',
        expectedAuth: { email: 'ada@example.org', password: 'x' }
      })
    ).toBe('status 200, delay 100-400 ms, expecting ada@example.org')
  })
})
