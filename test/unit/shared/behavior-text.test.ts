import { describe, expect, it } from 'vitest'
import { describeBehavior } from '@shared/behavior-text'
import { BEHAVIOR_PRESET_NAMES } from '@shared/preset-names'
import { behaviorPreset } from '@shared/presets'

describe('a behaviour in one line', () => {
  it('describes every preset from what it does', () => {
    const lines = Object.fromEntries(
      BEHAVIOR_PRESET_NAMES.map((name) => [name, describeBehavior(behaviorPreset(name, 30_000))])
    )
    expect(lines).toEqual({
      Healthy: 'Answers 200 at once.',
      Slow: 'Answers 200 after 2–4 s.',
      'Slower than timeout': 'Answers 200 after 35 s.',
      'Server error': 'Answers 500 at once.',
      Unauthorized: 'Answers 401 to every request at once, whatever credentials it carries.',
      Drop: 'Closes the connection without an answer.',
      Reset: 'Resets the connection (TCP RST) without an answer.',
      Hang: 'Holds the connection open and never answers.',
      Flaky: 'Answers 200 at once; 50% of requests, chosen at random, get 503 instead.'
    })
  })

  it('says expected credentials, delays, slow bodies and failing faults', () => {
    const base = behaviorPreset('Healthy')
    expect(
      describeBehavior({
        ...base,
        delay: { minMs: 1500, maxMs: 1500 },
        expectedAuth: { email: 'a@b.c', password: 'x' }
      })
    ).toBe('Answers 200 after 1.5 s; without the expected credentials, 401.')
    expect(
      describeBehavior({ ...base, fault: 'slow-body', delay: { minMs: 0, maxMs: 7000 } })
    ).toBe('Sends the 200 headers at once and trickles the body over 0–7 s.')
    expect(
      describeBehavior({ ...base, failure: { rate: 0.25, status: 503, fault: 'reset' } })
    ).toBe('Answers 200 at once; 25% of requests, chosen at random, are reset (TCP RST) instead.')
  })
})
