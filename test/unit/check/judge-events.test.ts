import { describe, expect, it } from 'vitest'
import type { Exchange } from '@shared/schemas'
import type { CheckEvidence } from '@main/engine/check/evidence'
import { LATIN1_HINT } from '@main/engine/check/evidence'
import {
  anyAccepted,
  eventsRefused,
  judgeEvent,
  judgeLatency,
  redirectOf,
  redirectReason,
  refusedFirstReason
} from '@main/engine/check/judge-events'
import { answered, evidence, failed } from '../engine/check-fixture'

/** The real events and their timings, each judged as a whole item. */

const PROTOCOL = 'the TrialKit user sees a ProtocolError.'

const line = (label: string, ex: Exchange): string =>
  ex.response
    ? `${label}: HTTP ${ex.response.status}${ex.error ? `, ${ex.error.kind} after ${ex.timings.totalMs} ms — ${ex.error.message}` : ` in ${ex.timings.totalMs} ms`}`
    : `${label}: ${ex.error!.kind} after 5 ms — ${ex.error!.kind} happened`

const only = (insert: Exchange[], patch: Partial<CheckEvidence> = {}): CheckEvidence =>
  evidence({ samples: { insert, update: [], review: [] }, ...patch })

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

describe('what the samples say', () => {
  it('finds the first redirect and says TrialKit does not follow it', () => {
    const ev = evidence({
      samples: {
        insert: [answered(200)],
        update: [answered(301, 40, [['Location', '/a']]), answered(302)],
        review: []
      }
    })
    expect(redirectOf(ev)).toEqual({ status: 301, location: 'http://127.0.0.1:4700/a' })
    expect(redirectOf(evidence())).toBeNull()
    expect(redirectReason({ status: 301, location: 'http://x/a' })).toBe(
      'the endpoint redirects (HTTP 301 to http://x/a), and TrialKit does not follow redirects'
    )
    expect(redirectReason({ status: 307, location: null })).toBe(
      'the endpoint redirects (HTTP 307), and TrialKit does not follow redirects'
    )
  })

  it('finds a refusal in any event, and whether any event was accepted', () => {
    const refused = answered(403)
    const ev = evidence({ samples: { insert: [answered(500)], update: [], review: [refused] } })
    expect(eventsRefused(ev)).toBe(refused)
    expect(eventsRefused(evidence())).toBeNull()
    expect(anyAccepted(ev)).toBe(false)
    expect(anyAccepted(only([answered(500), answered(201)]))).toBe(true)
    expect(anyAccepted(evidence({ samples: { insert: [], update: [], review: [] } }))).toBe(false)
  })

  it('says why the probes after a refusal were not judged', () => {
    expect(refusedFirstReason(evidence(), answered(403))).toBe(
      'the endpoint refused the right credentials first (HTTP 403, see "Credentials checked")'
    )
    expect(refusedFirstReason(evidence({ email: '' }), answered(401))).toBe(
      "the endpoint asks for credentials (HTTP 401): give the hook's email and password"
    )
  })
})

describe('an event item', () => {
  it('passes n of n with an evidence line per call', () => {
    const a = answered(200, 12)
    const b = answered(204, 30)
    expect(judgeEvent(only([a, b]), 'insert')).toEqual({
      id: 'insert',
      title: 'Insert answered 2xx in time',
      status: 'pass',
      summary: '2 of 2 answered 2xx in time.',
      evidence: [line('insert #1', a), line('insert #2', b)],
      exchangeIds: [a.id, b.id]
    })
  })

  it('is not run when nothing was sent, with the reason', () => {
    const empty = { insert: [], update: [], review: [] }
    expect(judgeEvent(evidence({ samples: empty }), 'review')).toEqual({
      id: 'review',
      title: 'Review answered 2xx in time',
      status: 'not-run',
      summary: 'Not run: no request was sent.',
      reason: 'no request was sent',
      evidence: [],
      exchangeIds: []
    })
    const stopped = judgeEvent(evidence({ samples: empty, stopped: 'ECONNREFUSED' }), 'update')
    expect(stopped.title).toBe('Update answered 2xx in time')
    expect(stopped.reason).toBe('ECONNREFUSED')
  })

  it('warns on a 2xx whose body says it failed, naming which call', () => {
    const ok = answered(200)
    const said = withBody(201, '{"status":"error","message":"subject not found"}')
    expect(judgeEvent(only([ok, said]), 'insert')).toEqual({
      id: 'insert',
      title: 'Insert answered 2xx in time',
      status: 'warn',
      summary:
        'Insert #2 answered 201, but its body says `subject not found`: TrialKit shows the user a saved record, and nobody sees the failure.',
      evidence: [
        line('insert #1', ok),
        `${line('insert #2', said)}; body: {"status":"error","message":"subject not found"}`
      ],
      exchangeIds: [ok.id, said.id]
    })
  })

  it('fails on the first failed call, naming what it got', () => {
    const ok = answered(200)
    const bad = answered(500)
    expect(judgeEvent(only([ok, bad, answered(404)]), 'insert')).toMatchObject({
      status: 'fail',
      summary: `Answered HTTP 500: ${PROTOCOL}`,
      exchangeIds: [ok.id, bad.id, expect.any(String)]
    })
    const client = judgeEvent(only([answered(404)], { password: 'pässwörd' }), 'insert')
    expect(client.summary).toBe(`Answered HTTP 404: ${PROTOCOL}`)
  })

  it('gives the Latin-1 hint on a 5xx only with credentials and a non-ASCII password', () => {
    const hinted = judgeEvent(only([answered(500)], { password: 'pässwörd' }), 'insert')
    expect(hinted.summary).toBe(`Answered HTTP 500: ${PROTOCOL} ${LATIN1_HINT}`)
    const noEmail = judgeEvent(only([answered(500)], { password: 'pässwörd', email: '' }), 'insert')
    expect(noEmail.summary).toBe(`Answered HTTP 500: ${PROTOCOL}`)
  })

  it('names a redirect with or without its Location', () => {
    const to = judgeEvent(only([answered(308, 5, [['Location', '/hook/']])]), 'insert')
    expect(to.summary).toBe(
      `Answered HTTP 308, a redirect: TrialKit does not follow redirects, so ${PROTOCOL} Use http://127.0.0.1:4700/hook/ as the hook URL instead.`
    )
    const nowhere = judgeEvent(only([answered(302)]), 'insert')
    expect(nowhere.summary).toBe(
      `Answered HTTP 302, a redirect: TrialKit does not follow redirects, so ${PROTOCOL} The answer names no Location.`
    )
  })

  it('names a refusal of the right credentials, or that none were given', () => {
    const refused = judgeEvent(only([answered(401)]), 'insert')
    expect(refused.summary).toBe(
      `Answered HTTP 401: the right credentials were refused (see "Credentials checked"); ${PROTOCOL}`
    )
    const hinted = judgeEvent(only([answered(401)], { password: 'pässwörd' }), 'insert')
    expect(hinted.summary).toBe(
      `Answered HTTP 401: the right credentials were refused (see "Credentials checked"); ${PROTOCOL} ${LATIN1_HINT}`
    )
    const none = judgeEvent(only([answered(403)], { email: '' }), 'insert')
    expect(none.summary).toBe(
      `Answered HTTP 403: the endpoint asks for credentials, and none were given; ${PROTOCOL}`
    )
  })

  it('tells a timeout with no answer from headers whose body never came', () => {
    const none = judgeEvent(only([failed('timeout')], { timeoutSeconds: 5 }), 'insert')
    expect(none.summary).toBe(`No answer within the 5 s timeout: ${PROTOCOL}`)
    const headersOnly = {
      ...answered(200),
      error: {
        kind: 'timeout' as const,
        message:
          'answered HTTP 200 headers after 13 ms, but the body never completed; TrialKit gave up at 5 s'
      }
    }
    expect(judgeEvent(only([headersOnly]), 'insert').summary).toBe(
      'answered HTTP 200 headers after 13 ms, but the body never completed; TrialKit gave up at 5 s The TrialKit user sees a ProtocolError.'
    )
  })

  it('names the addresses a refused connection was tried at, when known', () => {
    const at = judgeEvent(
      only([failed('connection-refused')], {
        refusedAt:
          'refused at 127.0.0.1:5324; [::1]:5324 answers: the endpoint listens on IPv6 only'
      }),
      'insert'
    )
    expect(at.summary).toBe(
      'Refused at 127.0.0.1:5324; [::1]:5324 answers: the endpoint listens on IPv6 only. The TrialKit user sees a ProtocolError.'
    )
    const plain = judgeEvent(only([failed('connection-refused')]), 'insert')
    expect(plain.summary).toBe(`connection-refused: ${PROTOCOL} (connection-refused happened)`)
    const reset = judgeEvent(only([failed('connection-reset')]), 'insert')
    expect(reset.summary).toBe(`connection-reset: ${PROTOCOL} (connection-reset happened)`)
    // The addresses are said only for a refused connection.
    const resetWithAddresses = judgeEvent(
      only([failed('connection-reset')], { refusedAt: 'refused at 127.0.0.1:9' }),
      'insert'
    )
    expect(resetWithAddresses.summary).toBe(reset.summary)
    const silent = { ...failed('dns'), error: { kind: 'dns' as const, message: '' } }
    expect(judgeEvent(only([silent]), 'insert').summary).toBe(`dns: ${PROTOCOL}`)
  })
})

describe('latency', () => {
  it('is not run on a redirect: its time says nothing', () => {
    const ev = only([answered(301, 40, [['Location', 'https://x/hook']])])
    expect(judgeLatency(ev)).toEqual({
      id: 'latency',
      title: 'Answers fast enough',
      status: 'not-run',
      summary:
        'Not run: the endpoint redirects (HTTP 301 to https://x/hook), and TrialKit does not follow redirects.',
      reason:
        'the endpoint redirects (HTTP 301 to https://x/hook), and TrialKit does not follow redirects',
      evidence: [],
      exchangeIds: []
    })
  })

  it('is not run when the endpoint was never reached', () => {
    const ev = only([failed('connection-refused'), failed('dns')])
    expect(judgeLatency(ev)).toEqual({
      id: 'latency',
      title: 'Answers fast enough',
      status: 'not-run',
      summary: 'Not run: no answer to time.',
      reason: 'no answer to time',
      evidence: [],
      exchangeIds: []
    })
    const unreached = [failed('invalid-url'), failed('tls')]
    expect(judgeLatency(only(unreached, { stopped: 'bad URL' })).reason).toBe('bad URL')
  })

  it('counts a call with neither an answer nor an error as reached', () => {
    const cut = { ...failed('timeout'), error: null }
    const i = judgeLatency(only([cut]))
    expect(i.status).toBe('fail')
    expect(i.summary).toBe('No complete answer to time: connection-reset.')
  })

  it('fails naming each call that was reached but never answered whole', () => {
    const t = failed('timeout')
    const r = failed('connection-reset')
    expect(judgeLatency(only([t, failed('connection-refused'), r]))).toEqual({
      id: 'latency',
      title: 'Answers fast enough',
      status: 'fail',
      summary: 'No complete answer to time: timeout, connection-reset.',
      evidence: [line('insert', t), line('insert', r)],
      exchangeIds: [t.id, r.id]
    })
  })

  it('passes with each event p95, slowest first, and evidence per call then per event', () => {
    const i1 = answered(200, 50)
    const i2 = answered(200, 70)
    const u: Exchange = { ...answered(200, 120), event: 'update' }
    const dead = failed('timeout')
    const ev = evidence({ samples: { insert: [i1, i2], update: [u, dead], review: [] } })
    expect(judgeLatency(ev)).toEqual({
      id: 'latency',
      title: 'Answers fast enough',
      status: 'pass',
      summary: 'update saves wait 0.12 s at p95; insert 0.07 s.',
      evidence: [
        line('insert', i1),
        line('insert', i2),
        line('update', u),
        'update: p95 120 ms over 1 call',
        'insert: p95 70 ms over 2 calls'
      ],
      exchangeIds: [i1.id, i2.id, u.id]
    })
  })

  it('warns over --slow-ms, and not at it', () => {
    const ev = only([answered(200, 2000)], { slowMs: 2000 })
    expect(judgeLatency(ev).status).toBe('pass')
    const slow = judgeLatency({ ...ev, slowMs: 1999 })
    expect(slow).toMatchObject({ id: 'latency', title: 'Answers fast enough', status: 'warn' })
    expect(slow.summary).toBe(
      'insert saves wait 2.0 s at p95: over 2.0 s, a site user waits that long on every save.'
    )
  })

  it('warns over half the timeout, and not at it', () => {
    const ev = only([answered(200, 3000)], { slowMs: 10_000, timeoutSeconds: 6 })
    expect(judgeLatency(ev).status).toBe('pass')
    const half = judgeLatency(only([answered(200, 3001)], { slowMs: 10_000, timeoutSeconds: 6 }))
    expect(half).toMatchObject({ id: 'latency', title: 'Answers fast enough', status: 'warn' })
    expect(half.summary).toBe(
      'insert saves wait 3.0 s at p95: p95 is above half the timeout (6 s), and the TrialKit user is blocked while it runs.'
    )
  })
})
