import { describe, expect, it } from 'vitest'
import type { Exchange } from '@shared/schemas'
import type { CheckEvidence } from '@main/engine/check/evidence'
import { LATIN1_HINT } from '@main/engine/check/evidence'
import { judgeCredentials } from '@main/engine/check/judge-credentials'
import { answered, evidence, failed } from '../engine/check-fixture'

/** The credentials item as a whole: status, summary, evidence lines and exchange ids. */

const ID = 'credentials'
const TITLE = 'Credentials checked'
const OPTIONAL = 'credentials are optional in TrialKit, but then they protect nothing.'

const line = (label: string, ex: Exchange): string =>
  ex.response
    ? `${label}: HTTP ${ex.response.status}${ex.error ? `, http-status after 40 ms — The hook answered HTTP ${ex.response.status}.` : ' in 40 ms'}`
    : `${label}: ${ex.error!.kind} after 5 ms — ${ex.error!.kind} happened`

const probes = (wrong: Exchange | null, none: Exchange | null): Partial<CheckEvidence> => ({
  credentials: { wrong, none, lowerEmail: null }
})

describe('no credentials given', () => {
  it('is skipped, saying TrialKit sends none either', () => {
    expect(judgeCredentials(evidence({ email: '' }))).toEqual({
      id: ID,
      title: TITLE,
      status: 'skip',
      summary:
        'No credentials given: TrialKit sends none either. Give an email and password to check them.',
      evidence: [],
      exchangeIds: []
    })
  })
})

describe('the right credentials refused', () => {
  const refusedSamples = (status: number): Partial<CheckEvidence> => {
    const refused = answered(status)
    return { samples: { insert: [answered(200)], update: [refused], review: [] } }
  }

  it('fails, telling to check the email and password', () => {
    const ev = evidence(refusedSamples(401))
    const refused = ev.samples.update[0]!
    expect(judgeCredentials(ev)).toEqual({
      id: ID,
      title: TITLE,
      status: 'fail',
      summary:
        "The right credentials were refused (HTTP 401). Check the hook's email and password against what the endpoint expects.",
      evidence: [line('right credentials', refused)],
      exchangeIds: [refused.id]
    })
  })

  it('names case-sensitive email comparison when the lower-case email was accepted', () => {
    const lower = answered(200)
    const ev = evidence({
      ...refusedSamples(403),
      email: 'Study@Example.org',
      credentials: { wrong: null, none: null, lowerEmail: lower }
    })
    const refused = ev.samples.update[0]!
    expect(judgeCredentials(ev)).toEqual({
      id: ID,
      title: TITLE,
      status: 'fail',
      summary:
        'The right credentials were refused (HTTP 403). The same with the email in lower case (study@example.org) was accepted: the endpoint compares the email case-sensitively. TrialKit sends the email exactly as entered in the hook; compare emails ignoring case.',
      evidence: [
        line('right credentials', refused),
        line('email in lower case (study@example.org)', lower)
      ],
      exchangeIds: [refused.id, lower.id]
    })
  })

  it('keeps the check hint when the lower-case email was refused too', () => {
    const lower = answered(401)
    const ev = evidence({
      ...refusedSamples(401),
      email: 'Study@Example.org',
      credentials: { wrong: null, none: null, lowerEmail: lower }
    })
    const i = judgeCredentials(ev)
    expect(i.summary).toBe(
      "The right credentials were refused (HTTP 401). Check the hook's email and password against what the endpoint expects."
    )
    expect(i.exchangeIds).toEqual([ev.samples.update[0]!.id, lower.id])
  })

  it('gives the Latin-1 hint instead for a non-ASCII password', () => {
    const i = judgeCredentials(evidence({ ...refusedSamples(401), password: 'pässwörd' }))
    expect(i.summary).toBe(`The right credentials were refused (HTTP 401). ${LATIN1_HINT}`)
  })
})

describe('no event accepted', () => {
  it('is not run with why the check stopped, when it stopped', () => {
    const ev = evidence({
      samples: { insert: [failed('timeout')], update: [], review: [] },
      stopped: 'the endpoint did not answer within 30 s'
    })
    expect(judgeCredentials(ev)).toEqual({
      id: ID,
      title: TITLE,
      status: 'not-run',
      summary: 'Not run: the endpoint did not answer within 30 s.',
      reason: 'the endpoint did not answer within 30 s',
      evidence: [],
      exchangeIds: []
    })
  })

  it('is not run naming what the first event got', () => {
    const first = answered(422)
    const ev = evidence({ samples: { insert: [first], update: [answered(500)], review: [] } })
    const reason =
      'no event was accepted with the right credentials (they got HTTP 422), so refusing wrong ones would prove nothing.'
    expect(judgeCredentials(ev)).toEqual({
      id: ID,
      title: TITLE,
      status: 'not-run',
      summary: `Not run: ${reason}`,
      reason,
      evidence: [line('right credentials', first)],
      exchangeIds: [first.id]
    })
  })

  it('gives the Latin-1 hint only for a 5xx with a non-ASCII password', () => {
    const clientError = evidence({
      samples: { insert: [answered(422)], update: [], review: [] },
      password: 'pässwörd'
    })
    expect(judgeCredentials(clientError).reason).not.toContain('Latin-1')
    const ascii = evidence({ samples: { insert: [answered(500)], update: [], review: [] } })
    expect(judgeCredentials(ascii).reason).not.toContain('Latin-1')
  })

  it('says nothing was got when no event was sent', () => {
    const ev = evidence({ samples: { insert: [], update: [], review: [] } })
    expect(judgeCredentials(ev)).toEqual({
      id: ID,
      title: TITLE,
      status: 'not-run',
      summary:
        'Not run: no event was accepted with the right credentials (they got nothing), so refusing wrong ones would prove nothing.',
      reason:
        'no event was accepted with the right credentials (they got nothing), so refusing wrong ones would prove nothing.',
      evidence: [],
      exchangeIds: []
    })
  })
})

describe('the wrong and missing credentials', () => {
  it('is not run when no probe was sent', () => {
    expect(judgeCredentials(evidence(probes(null, null)))).toEqual({
      id: ID,
      title: TITLE,
      status: 'not-run',
      summary: 'Not run: no probe was sent.',
      reason: 'no probe was sent',
      evidence: [],
      exchangeIds: []
    })
    const stopped = judgeCredentials(evidence({ ...probes(null, null), stopped: 'budget' }))
    expect(stopped.reason).toBe('budget')
  })

  it('passes both refusals with both evidence lines', () => {
    const wrong = answered(401)
    const none = answered(403)
    expect(judgeCredentials(evidence(probes(wrong, none)))).toEqual({
      id: ID,
      title: TITLE,
      status: 'pass',
      summary: 'The right credentials are accepted; wrong ones and none are refused.',
      evidence: [line('wrong password', wrong), line('no credentials', none)],
      exchangeIds: [wrong.id, none.id]
    })
  })

  it('names the one probe that was sent', () => {
    const wrong = judgeCredentials(evidence(probes(answered(401), null)))
    expect(wrong.summary).toBe('The right credentials are accepted; wrong password is refused.')
    const none = answered(401)
    expect(judgeCredentials(evidence(probes(null, none)))).toEqual({
      id: ID,
      title: TITLE,
      status: 'pass',
      summary: 'The right credentials are accepted; no credentials is refused.',
      evidence: [line('no credentials', none)],
      exchangeIds: [none.id]
    })
  })

  it('warns when both are accepted', () => {
    const wrong = answered(200)
    const none = answered(204)
    expect(judgeCredentials(evidence(probes(wrong, none)))).toEqual({
      id: ID,
      title: TITLE,
      status: 'warn',
      summary: `It accepts wrong ones and none: ${OPTIONAL}`,
      evidence: [line('wrong password', wrong), line('no credentials', none)],
      exchangeIds: [wrong.id, none.id]
    })
  })

  it('says what an accepted probe and an odd answer each are, in one warning', () => {
    const i = judgeCredentials(evidence(probes(answered(500), answered(200))))
    expect(i.status).toBe('warn')
    expect(i.summary).toBe(
      `It accepts none: ${OPTIONAL} wrong password → HTTP 500: the endpoint errors instead of refusing (TrialKit users would see a ProtocolError instead of an auth failure).`
    )
  })

  it('names a 429 as rate limiting and another 4xx as not a refusal', () => {
    const i = judgeCredentials(evidence(probes(answered(429), answered(404))))
    expect(i.status).toBe('warn')
    expect(i.summary).toBe(
      'wrong password → HTTP 429: rate limited, which says nothing about the credentials; no credentials → HTTP 404: not a refusal (401 or 403).'
    )
  })

  it('is not run when a probe found the endpoint down after the check stopped', () => {
    const wrong = answered(401)
    const none = failed('connection-refused')
    const why = 'the endpoint answered 9 requests, then refused connections from request 10 on'
    expect(judgeCredentials(evidence({ ...probes(wrong, none), stopped: why }))).toEqual({
      id: ID,
      title: TITLE,
      status: 'not-run',
      summary: `Not run: ${why}.`,
      reason: why,
      evidence: [line('wrong password', wrong), line('no credentials', none)],
      exchangeIds: [wrong.id, none.id]
    })
  })

  it('judges a refused connection as such when the check went on', () => {
    const i = judgeCredentials(evidence(probes(failed('connection-refused'), answered(401))))
    expect(i.status).toBe('warn')
    expect(i.summary).toBe('wrong password → connection-refused.')
    const stoppedOtherwise = judgeCredentials(
      evidence({ ...probes(failed('timeout'), answered(401)), stopped: 'the endpoint hangs' })
    )
    expect(stoppedOtherwise.summary).toBe('wrong password → timeout.')
    const acceptedAfterStop = judgeCredentials(
      evidence({ ...probes(answered(200), answered(401)), stopped: 'the endpoint hangs' })
    )
    expect(acceptedAfterStop.summary).toBe(`It accepts wrong ones: ${OPTIONAL}`)
  })
})
