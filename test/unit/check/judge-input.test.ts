import { describe, expect, it } from 'vitest'
import type { Exchange } from '@shared/schemas'
import type { CheckEvidence } from '@main/engine/check/evidence'
import {
  judgeAlive,
  judgeBadInput,
  judgeExtraKeys,
  judgeIdempotency,
  judgeLockBroken
} from '@main/engine/check/judge-input'
import { answered, evidence, failed } from '../engine/check-fixture'

/**
 * The probes after the real events, each judged as a whole item: status, summary, evidence lines
 * and exchange ids, so that a flipped condition or a dropped word shows.
 */

const line = (label: string, ex: Exchange): string =>
  ex.response
    ? `${label}: HTTP ${ex.response.status}${ex.error ? `, http-status after 40 ms — The hook answered HTTP ${ex.response.status}.` : ' in 40 ms'}`
    : `${label}: ${ex.error!.kind} after 5 ms — ${ex.error!.kind} happened`

function withBody(status: number, body: string): Exchange {
  const ex = answered(status)
  return {
    ...ex,
    response: {
      ...ex.response!,
      bodyBase64: Buffer.from(body).toString('base64'),
      bodySize: Buffer.byteLength(body)
    }
  }
}

const TITLE_ALIVE = 'Still answers after bad input'
const TITLE_BAD = 'Bad input gets a 4xx'

describe('probes that were never sent', () => {
  it('say the credentials were refused first when an event got a 401', () => {
    const refused = answered(401)
    const ev = evidence({
      samples: { insert: [answered(200)], update: [refused], review: [] },
      lockBroken: null,
      stopped: 'ignored when the events were refused'
    })
    expect(judgeLockBroken(ev)).toEqual({
      id: 'lock-broken',
      title: 'Review with LockBroken answered 2xx',
      status: 'not-run',
      summary:
        'Not run: the endpoint refused the right credentials first (HTTP 401, see "Credentials checked").',
      reason:
        'the endpoint refused the right credentials first (HTTP 401, see "Credentials checked")',
      evidence: [],
      exchangeIds: []
    })
  })
  it('give why the check stopped, or that the budget ran out', () => {
    const stopped = judgeExtraKeys(evidence({ extraKeys: null, stopped: 'the endpoint hangs' }))
    expect(stopped.summary).toBe('Not run: the endpoint hangs.')
    const budget = judgeBadInput(evidence({ malformed: null, unknown: null }))
    expect(budget).toEqual({
      id: 'bad-input',
      title: TITLE_BAD,
      status: 'not-run',
      summary: 'Not run: the request budget ran out.',
      reason: 'the request budget ran out',
      evidence: [],
      exchangeIds: []
    })
    const alive = judgeAlive(evidence({ malformed: null, unknown: null, alive: null }))
    expect(alive).toEqual({ ...budget, id: 'alive-after-bad-input', title: TITLE_ALIVE })
  })
})

describe('answers that say nothing about the probe', () => {
  it('a 429 is rate limiting, not a judgement of the body', () => {
    const limited = answered(429)
    expect(judgeLockBroken(evidence({ lockBroken: limited }))).toEqual({
      id: 'lock-broken',
      title: 'Review with LockBroken answered 2xx',
      status: 'not-run',
      summary:
        'Not run: the endpoint was rate limiting (HTTP 429), so the answer says nothing about this request.',
      reason:
        'the endpoint was rate limiting (HTTP 429), so the answer says nothing about this request',
      evidence: [line('review with LockBroken: true', limited)],
      exchangeIds: [limited.id]
    })
  })
  it('another 4xx is judged: a review with LockBroken refused with 409 fails', () => {
    const conflict = answered(409)
    expect(judgeLockBroken(evidence({ lockBroken: conflict }))).toEqual({
      id: 'lock-broken',
      title: 'Review with LockBroken answered 2xx',
      status: 'fail',
      summary:
        'A review with LockBroken: true got HTTP 409: TrialKit sends it when a locked record is changed, and that save would show a ProtocolError.',
      evidence: [line('review with LockBroken: true', conflict)],
      exchangeIds: [conflict.id]
    })
  })
  it('a redirect is named with its target', () => {
    const moved = answered(302, 40, [['Location', '/v2/hook']])
    expect(judgeExtraKeys(evidence({ extraKeys: moved }))).toEqual({
      id: 'extra-keys',
      title: 'A field the docs do not list is ignored',
      status: 'not-run',
      summary:
        'Not run: the endpoint answered with a redirect (302 redirect to http://127.0.0.1:4700/v2/hook).',
      reason:
        'the endpoint answered with a redirect (302 redirect to http://127.0.0.1:4700/v2/hook)',
      evidence: [line('insert with "x_added_field" added', moved)],
      exchangeIds: [moved.id]
    })
  })
  it('a refusal of the credentials leaves the lock-broken review unjudged', () => {
    const refused = answered(403)
    const i = judgeLockBroken(evidence({ lockBroken: refused }))
    expect(i.status).toBe('not-run')
    expect(i.reason).toBe('the endpoint refused the credentials first (HTTP 403)')
    expect(i.exchangeIds).toEqual([refused.id])
  })
})

describe('lock-broken and extra keys, whole items', () => {
  it('pass on a 2xx, naming the exchange', () => {
    const ok = answered(204)
    expect(judgeLockBroken(evidence({ lockBroken: ok }))).toEqual({
      id: 'lock-broken',
      title: 'Review with LockBroken answered 2xx',
      status: 'pass',
      summary: 'A review with LockBroken: true got a 2xx.',
      evidence: [line('review with LockBroken: true', ok)],
      exchangeIds: [ok.id]
    })
    const extra = answered(200)
    expect(judgeExtraKeys(evidence({ extraKeys: extra }))).toEqual({
      id: 'extra-keys',
      title: 'A field the docs do not list is ignored',
      status: 'pass',
      summary: 'An insert with an extra field ("x_added_field") got a 2xx.',
      evidence: [line('insert with "x_added_field" added', extra)],
      exchangeIds: [extra.id]
    })
  })
  it('warn when the extra field is refused', () => {
    const unprocessable = answered(422)
    expect(judgeExtraKeys(evidence({ extraKeys: unprocessable }))).toEqual({
      id: 'extra-keys',
      title: 'A field the docs do not list is ignored',
      status: 'warn',
      summary:
        'An insert with an extra field ("x_added_field") got HTTP 422: TrialKit may add fields to its events, and then every save would fail. Ignore fields you do not know.',
      evidence: [line('insert with "x_added_field" added', unprocessable)],
      exchangeIds: [unprocessable.id]
    })
  })
})

describe('bad input, whole items', () => {
  it('both 4xx pass, with both evidence lines', () => {
    const m = answered(400)
    const u = answered(422)
    expect(judgeBadInput(evidence({ malformed: m, unknown: u }))).toEqual({
      id: 'bad-input',
      title: TITLE_BAD,
      status: 'pass',
      summary: 'Both got a 4xx.',
      evidence: [line('malformed JSON', m), line('unknown body', u)],
      exchangeIds: [m.id, u.id]
    })
  })
  it('names the one probe that was judged when the other was rate limited', () => {
    const m = answered(429)
    const u = answered(400)
    const i = judgeBadInput(evidence({ malformed: m, unknown: u }))
    expect(i.status).toBe('pass')
    expect(i.summary).toBe('The unknown body got a 4xx.')
    expect(i.exchangeIds).toEqual([m.id, u.id])
    const only = judgeBadInput(evidence({ malformed: null, unknown: u }))
    expect(only.summary).toBe('The unknown body got a 4xx.')
    expect(only.evidence).toEqual([line('unknown body', u)])
  })
  it('fails a 5xx and a hang, naming each', () => {
    const m = answered(500)
    const u = failed('timeout')
    expect(judgeBadInput(evidence({ malformed: m, unknown: u }))).toEqual({
      id: 'bad-input',
      title: TITLE_BAD,
      status: 'fail',
      summary: 'The malformed JSON got HTTP 500 and the unknown body got timeout instead of a 4xx.',
      evidence: [line('malformed JSON', m), line('unknown body', u)],
      exchangeIds: [m.id, u.id]
    })
  })
  it('a 5xx outweighs a 2xx on the other probe', () => {
    const i = judgeBadInput(evidence({ malformed: answered(200), unknown: answered(503) }))
    expect(i.status).toBe('fail')
    expect(i.summary).toBe('The unknown body got HTTP 503 instead of a 4xx.')
  })
  it('warns when bad input is accepted: "was" for one, "were" for both', () => {
    const one = judgeBadInput(evidence({ malformed: answered(400), unknown: answered(200) }))
    expect(one.status).toBe('warn')
    expect(one.summary).toBe(
      'The unknown body was accepted with a 2xx: a 4xx tells a bad request apart.'
    )
    const m = answered(200)
    const u = answered(201)
    expect(judgeBadInput(evidence({ malformed: m, unknown: u }))).toEqual({
      id: 'bad-input',
      title: TITLE_BAD,
      status: 'warn',
      summary:
        'The malformed JSON and the unknown body were accepted with a 2xx: a 4xx tells a bad request apart.',
      evidence: [line('malformed JSON', m), line('unknown body', u)],
      exchangeIds: [m.id, u.id]
    })
  })
  it('is not run when neither probe can be judged, giving the first reason', () => {
    const m = answered(401)
    const u = answered(429)
    expect(judgeBadInput(evidence({ malformed: m, unknown: u }))).toEqual({
      id: 'bad-input',
      title: TITLE_BAD,
      status: 'not-run',
      summary: 'Not run: the endpoint refused the credentials first (HTTP 401).',
      reason: 'the endpoint refused the credentials first (HTTP 401)',
      evidence: [line('malformed JSON', m), line('unknown body', u)],
      exchangeIds: [m.id, u.id]
    })
  })
})

describe('still answers after bad input', () => {
  const aliveLines = (m: Exchange, u: Exchange, a: Exchange): string[] => [
    line('malformed JSON probe', m),
    line('unknown body probe', u),
    line('valid insert after them', a)
  ]

  it('fails when everything after the bad input is reset: a reset is a dead endpoint', () => {
    const m = failed('connection-reset')
    const u = failed('connection-reset')
    const a = failed('connection-reset')
    expect(judgeAlive(evidence({ malformed: m, unknown: u, alive: a }))).toEqual({
      id: 'alive-after-bad-input',
      title: TITLE_ALIVE,
      status: 'fail',
      summary:
        'The endpoint stopped answering on the malformed JSON probe: valid insert after them got connection-reset. It crashed on bad input, and every TrialKit save fails until it is restarted.',
      evidence: aliveLines(m, u, a),
      exchangeIds: [m.id, u.id, a.id]
    })
  })

  it('fails when everything after the bad input times out: a hang is a dead endpoint', () => {
    const m = answered(400)
    const u = failed('timeout')
    const a = failed('timeout')
    expect(judgeAlive(evidence({ malformed: m, unknown: u, alive: a }))).toEqual({
      id: 'alive-after-bad-input',
      title: TITLE_ALIVE,
      status: 'fail',
      summary:
        'The endpoint stopped answering on the unknown body probe: valid insert after them got timeout. It crashed on bad input, and every TrialKit save fails until it is restarted.',
      evidence: aliveLines(m, u, a),
      exchangeIds: [m.id, u.id, a.id]
    })
  })

  it('a refused connection is blamed on the probe before it', () => {
    const m = answered(400)
    const u = failed('connection-refused')
    const a = failed('connection-refused')
    const i = judgeAlive(evidence({ malformed: m, unknown: u, alive: a }))
    expect(i.status).toBe('fail')
    expect(i.summary).toBe(
      'The endpoint stopped answering after the malformed JSON probe: valid insert after them got connection-refused. It crashed on bad input, and every TrialKit save fails until it is restarted.'
    )
  })

  it('a hang then a refusal, with no valid insert sent, is still a crash', () => {
    const m = failed('timeout')
    const u = failed('connection-refused')
    const i = judgeAlive(evidence({ malformed: m, unknown: u, alive: null, stopped: null }))
    expect(i.status).toBe('fail')
    expect(i.summary).toBe(
      'The endpoint stopped answering on the malformed JSON probe: unknown body probe got connection-refused. It crashed on bad input, and every TrialKit save fails until it is restarted.'
    )
    expect(i.exchangeIds).toEqual([m.id, u.id])
  })

  it('a failure that is not a dead endpoint (a DNS error) does not count as a crash', () => {
    const a = failed('dns')
    const i = judgeAlive(evidence({ malformed: answered(400), unknown: answered(400), alive: a }))
    expect(i.status).toBe('pass')
    expect(i.summary).toBe('A valid insert after the bad input got dns.')
  })

  it('passes when the valid insert is answered, whatever the probes got', () => {
    const m = answered(500)
    const u = failed('connection-reset')
    const a = answered(200)
    expect(judgeAlive(evidence({ malformed: m, unknown: u, alive: a }))).toEqual({
      id: 'alive-after-bad-input',
      title: TITLE_ALIVE,
      status: 'pass',
      summary: 'A valid insert after the bad input got HTTP 200.',
      evidence: aliveLines(m, u, a),
      exchangeIds: [m.id, u.id, a.id]
    })
  })

  it('is not run when the valid insert was not sent or could not be judged', () => {
    const m = answered(400)
    const u = answered(400)
    const unsent = judgeAlive(evidence({ malformed: m, unknown: u, alive: null }))
    expect(unsent).toEqual({
      id: 'alive-after-bad-input',
      title: TITLE_ALIVE,
      status: 'not-run',
      summary: 'Not run: the request budget ran out.',
      reason: 'the request budget ran out',
      evidence: [line('malformed JSON probe', m), line('unknown body probe', u)],
      exchangeIds: [m.id, u.id]
    })
    const refused = judgeAlive(evidence({ malformed: m, unknown: u, alive: answered(401) }))
    expect(refused.status).toBe('not-run')
    expect(refused.reason).toBe('the endpoint refused the credentials first (HTTP 401)')
  })

  it('a probe that hung with nothing sent after it is not run, with the reason', () => {
    const m = failed('timeout')
    const noReason = judgeAlive(evidence({ malformed: m, unknown: null, alive: null }))
    expect(noReason.status).toBe('not-run')
    expect(noReason.reason).toBe('the valid insert was not sent')
    const stopped = judgeAlive(
      evidence({ malformed: m, unknown: null, alive: null, stopped: 'the endpoint hangs' })
    )
    expect(stopped.reason).toBe('the endpoint hangs')
  })

  it('"crashed" needs a valid request answered before the bad input', () => {
    const m = failed('timeout')
    const a = failed('connection-refused')
    const neverAnswered = {
      samples: { insert: [failed('connection-reset')], update: [], review: [] },
      lockBroken: null,
      extraKeys: null
    } satisfies Partial<CheckEvidence>
    const i = judgeAlive(evidence({ ...neverAnswered, malformed: m, unknown: null, alive: a }))
    expect(i).toEqual({
      id: 'alive-after-bad-input',
      title: TITLE_ALIVE,
      status: 'not-run',
      summary: 'Not run: the endpoint was not answering before the bad input was sent.',
      reason: 'the endpoint was not answering before the bad input was sent',
      evidence: [line('malformed JSON probe', m), line('valid insert after them', a)],
      exchangeIds: [m.id, a.id]
    })
    // One answered request before the bad input is enough, even with the extra-keys probe unsent.
    const earned = judgeAlive(
      evidence({
        extraKeys: null,
        lockBroken: answered(200),
        malformed: m,
        unknown: null,
        alive: a
      })
    )
    expect(earned.status).toBe('fail')
  })
})

describe('the same event twice', () => {
  it('quotes a body of exactly 60 characters whole', () => {
    const sixty = 'z'.repeat(60)
    const i = judgeIdempotency(
      evidence({
        samples: {
          insert: [withBody(200, sixty), withBody(200, 'other')],
          update: [],
          review: []
        }
      })
    )
    expect(i.summary).toContain(`with “${sixty}” the first time and “other” the second`)
  })
})
