import { describe, expect, it } from 'vitest'
import { judgeCredentials } from '@main/engine/check/judge-credentials'
import { judgeAlive } from '@main/engine/check/judge-input'
import { evidence, failed } from './check-fixture'

/** An endpoint that was down: what could not be judged is not run, and "crashed" is earned. */

describe('credentials when the endpoint went down', () => {
  it('is not-run, not a warning, when a probe found the endpoint down', () => {
    const wrong = failed('connection-refused')
    const why = 'the endpoint answered 9 requests, then refused connections from request 10 on'
    const i = judgeCredentials(
      evidence({ credentials: { wrong, none: null, lowerEmail: null }, stopped: why })
    )
    expect(i).toEqual({
      id: 'credentials',
      title: 'Credentials checked',
      status: 'not-run',
      summary: `Not run: ${why}.`,
      reason: why,
      evidence: ['wrong password: connection-refused after 5 ms — connection-refused happened'],
      exchangeIds: [wrong.id]
    })
  })
})

describe('alive after bad input, when the endpoint was down', () => {
  it('says "crashed" only when a valid request was answered before the bad input', () => {
    const down = failed('connection-refused')
    const i = judgeAlive(
      evidence({
        samples: { insert: [failed('connection-reset')], update: [], review: [] },
        lockBroken: null,
        extraKeys: null,
        malformed: down,
        unknown: null,
        alive: null,
        stopped: 'the endpoint answered 0 requests'
      })
    )
    expect(i).toEqual({
      id: 'alive-after-bad-input',
      title: 'Still answers after bad input',
      status: 'not-run',
      summary: 'Not run: the endpoint answered 0 requests.',
      reason: 'the endpoint answered 0 requests',
      evidence: [
        'malformed JSON probe: connection-refused after 5 ms — connection-refused happened'
      ],
      exchangeIds: [down.id]
    })
  })
})
