import { describe, expect, it } from 'vitest'
import type { Exchange } from '@shared/schemas'
import type { CheckEvidence } from '@main/engine/check/evidence'
import { answered, evidence, failed } from './check-fixture'
import { judgeAll } from '@main/engine/check/judge-all'
import { judgeCredentials } from '@main/engine/check/judge-credentials'
import { judgeEvent, judgeLatency } from '@main/engine/check/judge-events'
import {
  judgeAlive,
  judgeBadInput,
  judgeExtraKeys,
  judgeIdempotency,
  judgeLockBroken
} from '@main/engine/check/judge-input'
import { verdictOf } from '@main/engine/check/run-check'

/**
 * Each rule of the readiness check: the same evidence can only give the summary that matches it.
 */

const creds = (wrong: Exchange, none: Exchange = answered(401)): CheckEvidence =>
  evidence({ credentials: { wrong, none, lowerEmail: null } })

describe('credentials: only 401/403 is refused and only 2xx accepted', () => {
  it('passes refusals', () => {
    const i = judgeCredentials(creds(answered(401), answered(403)))
    expect(i.status).toBe('pass')
    expect(i.summary).toBe('The right credentials are accepted; wrong ones and none are refused.')
  })
  it('names a 500 as an error, never as accepting', () => {
    const i = judgeCredentials(creds(answered(500)))
    expect(i.status).toBe('warn')
    expect(i.summary).toBe(
      'wrong password → HTTP 500: the endpoint errors instead of refusing (TrialKit users would see a ProtocolError instead of an auth failure).'
    )
  })
  it('names a redirect and a timeout as what they are', () => {
    const redirect = answered(308, 10, [['Location', '/login']])
    expect(judgeCredentials(creds(redirect)).summary).toBe(
      'wrong password → 308 redirect to http://127.0.0.1:4700/login.'
    )
    expect(judgeCredentials(creds(failed('timeout'))).summary).toBe('wrong password → timeout.')
    expect(judgeCredentials(creds(failed('timeout'))).summary).not.toMatch(/accepts/)
  })
  it('says "accepts" only for a 2xx', () => {
    const i = judgeCredentials(creds(answered(200), answered(204)))
    expect(i.status).toBe('warn')
    expect(i.summary).toMatch(/^It accepts wrong ones and none: /)
  })
  it('fails refused right credentials, with the Latin-1 hint only for a non-ASCII password', () => {
    const refusedSamples = { insert: [answered(401)], update: [], review: [] }
    const ascii = judgeCredentials(evidence({ samples: refusedSamples }))
    expect(ascii.status).toBe('fail')
    expect(ascii.summary).not.toMatch(/Latin-1/)
    const nonAscii = judgeCredentials(evidence({ samples: refusedSamples, password: 'pässwörd' }))
    expect(nonAscii.summary).toMatch(/TrialKit encodes them as UTF-8.*Latin-1/)
  })
  it('says the email case is the cause only when the lower-case email was accepted', () => {
    const samples = { insert: [answered(401)], update: [], review: [] }
    const base = { samples, email: 'Study@Example.org' }
    const accepted = judgeCredentials(
      evidence({ ...base, credentials: { wrong: null, none: null, lowerEmail: answered(200) } })
    )
    expect(accepted.summary).toMatch(/compares the email case-sensitively/)
    const refused = judgeCredentials(
      evidence({ ...base, credentials: { wrong: null, none: null, lowerEmail: answered(401) } })
    )
    expect(refused.summary).not.toMatch(/case-sensitively/)
  })
  it('does not judge credentials when no event was accepted', () => {
    const samples = { insert: [answered(500)], update: [answered(500)], review: [answered(500)] }
    const i = judgeCredentials(evidence({ samples, password: 'pässwörd' }))
    expect(i.status).toBe('not-run')
    expect(i.reason).toMatch(/no event was accepted .*HTTP 500.*Latin-1/)
  })
})

describe('a redirect is named once as the cause', () => {
  const redirect = answered(308, 5, [['Location', 'http://127.0.0.1:9/hook/']])
  const ev = evidence({
    samples: { insert: [redirect], update: [], review: [] },
    stopped:
      'the endpoint redirects (HTTP 308 to http://127.0.0.1:9/hook/), and TrialKit does not follow redirects',
    credentials: { wrong: null, none: null, lowerEmail: null },
    lockBroken: null,
    extraKeys: null,
    malformed: null,
    unknown: null,
    alive: null
  })
  it('the event says TrialKit does not follow it and gives the Location', () => {
    const i = judgeEvent(ev, 'insert')
    expect(i.status).toBe('fail')
    expect(i.summary).toMatch(/TrialKit does not follow redirects/)
    expect(i.summary).toMatch(/Use http:\/\/127\.0\.0\.1:9\/hook\/ as the hook URL/)
  })
  it('everything else is not-run for that reason, never a 5xx, hang or reset', () => {
    const items = judgeAll(ev)
    const failedIds = items.filter((i) => i.status === 'fail').map((i) => i.id)
    expect(failedIds).toEqual(['insert'])
    for (const i of items.filter((x) => x.status === 'not-run')) {
      expect(i.reason).toMatch(/redirects/)
      expect(i.summary).not.toMatch(/5xx|hang|reset/)
    }
    expect(verdictOf(items)).toBe('fail')
  })
})

describe('probes that could not be judged', () => {
  it('a 401 to bad input is not-run, not "refused bad input"', () => {
    const i = judgeBadInput(evidence({ malformed: answered(401), unknown: answered(401) }))
    expect(i.status).toBe('not-run')
    expect(i.reason).toMatch(/refused the credentials first/)
  })
  it('bad input: 4xx passes, 2xx warns, 5xx or reset fails', () => {
    expect(judgeBadInput(evidence()).status).toBe('pass')
    expect(judgeBadInput(evidence({ unknown: answered(200) })).status).toBe('warn')
    const broken = judgeBadInput(evidence({ malformed: failed('connection-reset') }))
    expect(broken.status).toBe('fail')
    expect(broken.summary).toMatch(/^The malformed JSON got connection-reset instead of a 4xx/)
  })
  it('lock-broken fails a 5xx and extra-keys warns on one', () => {
    expect(judgeLockBroken(evidence({ lockBroken: answered(500) })).status).toBe('fail')
    expect(judgeLockBroken(evidence()).status).toBe('pass')
    expect(judgeExtraKeys(evidence({ extraKeys: answered(422) })).status).toBe('warn')
    expect(judgeExtraKeys(evidence({ extraKeys: answered(401) })).status).toBe('not-run')
  })
  it('items that were never sent are not-run with the reason, and a dead endpoint fails once', () => {
    const items = judgeAll(
      evidence({
        samples: { insert: [failed('connection-refused')], update: [], review: [] },
        stopped: 'connect ECONNREFUSED 127.0.0.1:9',
        credentials: { wrong: null, none: null, lowerEmail: null },
        lockBroken: null,
        extraKeys: null,
        malformed: null,
        unknown: null,
        alive: null
      })
    )
    expect(items.filter((i) => i.status === 'fail').map((i) => i.id)).toEqual(['insert'])
    expect(items.filter((i) => i.status === 'not-run')).toHaveLength(9)
  })
})

describe('latency per event', () => {
  it('names the slowest event and warns over --slow-ms', () => {
    const ev = evidence({
      samples: {
        insert: [answered(200, 50), answered(200, 50)],
        update: [answered(200, 80)],
        review: [answered(200, 3600), answered(200, 3500)]
      }
    })
    const i = judgeLatency(ev)
    expect(i.status).toBe('warn')
    expect(i.summary).toMatch(
      /^review saves wait 3\.6 s at p95; update 0\.08 s; insert 0\.05 s: over 2\.0 s/
    )
    expect(judgeLatency({ ...ev, slowMs: 5000 }).status).toBe('pass')
    expect(judgeLatency({ ...ev, slowMs: 5000, timeoutSeconds: 6 }).summary).toMatch(
      /above half the timeout/
    )
  })
  it('fails when the endpoint was reached and never answered whole', () => {
    const ev = evidence({
      samples: { insert: [failed('timeout')], update: [], review: [] },
      stopped: 'the endpoint did not answer within 30 s'
    })
    expect(judgeLatency(ev).status).toBe('fail')
  })
})

describe('alive after bad input', () => {
  it('names the probe after which the endpoint stopped answering', () => {
    const i = judgeAlive(
      evidence({ unknown: failed('connection-refused'), alive: null, stopped: 'ECONNREFUSED' })
    )
    expect(i.status).toBe('fail')
    expect(i.summary).toMatch(/stopped answering after the malformed JSON probe/)
  })
  it('passes when the valid insert after them is answered', () => {
    const i = judgeAlive(evidence({ malformed: failed('connection-reset') }))
    expect(i.status).toBe('pass')
  })
  it('is not-run when a probe hung and nothing more was sent', () => {
    const i = judgeAlive(
      evidence({ malformed: failed('timeout'), unknown: null, alive: null, stopped: 'hung' })
    )
    expect(i.status).toBe('not-run')
  })
})

describe('verdict', () => {
  it('is driven by items that ran; not-run alone is a warning', () => {
    const base = { title: '', summary: '', evidence: [], exchangeIds: [] }
    expect(verdictOf([{ ...base, id: 'a', status: 'pass' }])).toBe('pass')
    expect(
      verdictOf([
        { ...base, id: 'a', status: 'pass' },
        { ...base, id: 'b', status: 'not-run' }
      ])
    ).toBe('warn')
    expect(
      verdictOf([
        { ...base, id: 'a', status: 'fail' },
        { ...base, id: 'b', status: 'not-run' }
      ])
    ).toBe('fail')
  })
})

describe('idempotency: the same event twice', () => {
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
  const inserts = (...list: Exchange[]): CheckEvidence =>
    evidence({ samples: { insert: list, update: [answered(200)], review: [answered(200)] } })

  it('passes the same status and body, and names both inserts as evidence', () => {
    const a = withBody(200, '{"ok":true}')
    const b = withBody(200, '{"ok":true}')
    const result = judgeIdempotency(inserts(a, b, withBody(500, 'third is not compared')))
    expect(result.status).toBe('pass')
    expect(result.summary).toBe('Two inserts with the same trans_id got the same answer.')
    expect(result.exchangeIds).toEqual([a.id, b.id])
    expect(result.evidence).toEqual([
      expect.stringMatching(/^insert #1: HTTP 200/),
      expect.stringMatching(/^insert #2: HTTP 200/)
    ])
  })

  it('warns when the status differs, naming both', () => {
    const result = judgeIdempotency(inserts(withBody(200, '{"ok":true}'), withBody(500, 'boom')))
    expect(result.status).toBe('warn')
    expect(result.summary).toBe(
      'Two inserts with the same trans_id got different answers (HTTP 200 the first time, HTTP 500 the second): TrialKit may send an event again (e.g. after a timeout), so handle repeats.'
    )
    const swapped = judgeIdempotency(inserts(withBody(409, ''), withBody(200, '')))
    expect(swapped.summary).toMatch(/\(HTTP 409 the first time, HTTP 200 the second\)/)
  })

  it('warns when only the body differs, quoting both (cut short when long)', () => {
    const result = judgeIdempotency(
      inserts(withBody(200, '{"ok":true}'), withBody(200, '{"ok":"duplicate"}'))
    )
    expect(result.status).toBe('warn')
    expect(result.summary).toContain(
      'got different answers (both HTTP 200, with “{"ok":true}” the first time and “{"ok":"duplicate"}” the second)'
    )
    const long = judgeIdempotency(inserts(withBody(200, ''), withBody(200, 'y'.repeat(100))))
    expect(long.summary).toContain(
      `(both HTTP 200, with an empty body the first time and “${'y'.repeat(59)}…” the second)`
    )
    const lines = judgeIdempotency(
      inserts(withBody(200, 'saved\n'), withBody(200, 'seen\r\n  before'))
    )
    expect(lines.summary).toContain('with “saved” the first time and “seen before” the second')
  })

  it('the warning counts in the verdict; the same answer does not', () => {
    const differ = judgeAll(inserts(withBody(200, 'a'), withBody(200, 'b')))
    expect(differ.find((i) => i.id === 'idempotency')?.status).toBe('warn')
    expect(verdictOf(differ)).toBe('warn')
    expect(verdictOf(judgeAll(evidence()))).toBe('pass')
  })

  it('is not run without two complete answers, never warned on a missing one', () => {
    const oneAndTimeout = judgeIdempotency(inserts(withBody(200, 'a'), failed('timeout')))
    expect(oneAndTimeout.status).toBe('not-run')
    expect(oneAndTimeout.summary).toBe('Not run: it needs two answered inserts.')
    const firstFailed = judgeIdempotency(inserts(failed('connection-reset')))
    expect(firstFailed.summary).toBe(
      'Not run: it needs two answered inserts, and the first one failed.'
    )
  })
})
