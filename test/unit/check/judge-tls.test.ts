import { describe, expect, it } from 'vitest'
import type { CertificateFacts } from '@main/engine/check/tls-certificate'
import { describeCertificate } from '@main/engine/check/tls-certificate'
import { judgeAll, judgeTls, noAcceptedReason } from '@main/engine/check/judge-all'
import { answered, evidence, failed } from '../engine/check-fixture'

/** The TLS item and the not-run rule for items that need a 2xx, as whole items. */

const facts = (patch: Partial<CertificateFacts> = {}): CertificateFacts => ({
  chainError: null,
  selfSigned: false,
  issuer: 'Test CA',
  validTo: '2030-01-02T03:04:05.000Z',
  expired: false,
  names: ['hooks.example.org'],
  wrongNameFor: null,
  ...patch
})

describe('describeCertificate', () => {
  it('names each problem, joined with "and"', () => {
    expect(
      describeCertificate(facts({ selfSigned: true, chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }))
    ).toBe('The certificate is self-signed')
    expect(
      describeCertificate(
        facts({
          chainError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
          expired: true,
          wrongNameFor: '127.0.0.1'
        })
      )
    ).toBe(
      'The certificate is issued by "Test CA", a CA that is not trusted, or sent without its intermediate certificates (an incomplete chain), expired on 2030-01-02 and for another name (hooks.example.org), not 127.0.0.1'
    )
    expect(describeCertificate(facts({ expired: true, validTo: null }))).toBe(
      'The certificate is expired'
    )
    expect(describeCertificate(facts({ wrongNameFor: 'a.test', names: [] }))).toBe(
      'The certificate is for another name (no name), not a.test'
    )
    expect(describeCertificate(facts({ chainError: 'CERT_REVOKED' }))).toBe(
      'The certificate was refused (CERT_REVOKED)'
    )
    expect(describeCertificate(facts())).toBe('The certificate was refused (unknown reason)')
  })
})

describe('judgeTls', () => {
  it('fails a refused certificate with who issued it, until when and for which names', () => {
    const ex = failed('tls')
    const i = judgeTls(
      evidence({
        https: true,
        tls: { exchange: ex, certificate: facts({ chainError: 'UNABLE_TO_GET_ISSUER_CERT' }) }
      })
    )
    expect(i).toEqual({
      id: 'tls',
      title: 'Valid TLS certificate',
      status: 'fail',
      summary:
        'The certificate is issued by "Test CA", a CA that is not trusted, or sent without its intermediate certificates (an incomplete chain): TrialKit will refuse it, so every save shows a ProtocolError. The rest of the check ran without verifying it.',
      evidence: [
        'insert: tls after 5 ms — tls happened',
        'issuer: Test CA',
        'valid to: 2030-01-02T03:04:05.000Z',
        'for: hooks.example.org',
        'if the endpoint uses a private CA that TrialKit trusts, run the check with NODE_EXTRA_CA_CERTS set to that CA certificate (PEM)'
      ],
      exchangeIds: [ex.id]
    })
  })

  it('a self-signed certificate gets no private-CA hint', () => {
    const ex = failed('tls')
    const cert = facts({ selfSigned: true, chainError: 'X', validTo: null, names: [] })
    expect(
      judgeTls(evidence({ https: true, tls: { exchange: ex, certificate: cert } })).evidence
    ).toEqual([
      'insert: tls after 5 ms — tls happened',
      'issuer: Test CA (itself)',
      'valid to: unknown',
      'for: no name'
    ])
  })

  it('lists every name, and gives no CA hint when the chain was trusted', () => {
    const ex = failed('tls')
    const cert = facts({ expired: true, names: ['a.test', 'b.test'] })
    expect(
      judgeTls(evidence({ https: true, tls: { exchange: ex, certificate: cert } })).evidence
    ).toEqual([
      'insert: tls after 5 ms — tls happened',
      'issuer: Test CA',
      'valid to: 2030-01-02T03:04:05.000Z',
      'for: a.test, b.test'
    ])
  })

  it('a failed handshake with no certificate', () => {
    const ex = failed('tls')
    expect(judgeTls(evidence({ https: true, tls: { exchange: ex, certificate: null } }))).toEqual({
      id: 'tls',
      title: 'Valid TLS certificate',
      status: 'fail',
      summary: 'The TLS handshake failed, so TrialKit cannot call this endpoint.',
      evidence: ['insert: tls after 5 ms — tls happened'],
      exchangeIds: [ex.id]
    })
  })

  it('skips plain http, passes an answered https call, and is not run otherwise', () => {
    expect(judgeTls(evidence())).toEqual({
      id: 'tls',
      title: 'Valid TLS certificate',
      status: 'skip',
      summary:
        'A plain http URL: there is no TLS to check (a hook on the internet should use https).',
      evidence: [],
      exchangeIds: []
    })
    expect(judgeTls(evidence({ https: true }))).toEqual({
      id: 'tls',
      title: 'Valid TLS certificate',
      status: 'pass',
      summary: 'The certificate is valid for this host.',
      evidence: [],
      exchangeIds: []
    })
    const later = { insert: [failed('timeout'), answered(200)], update: [], review: [] }
    expect(judgeTls(evidence({ https: true, samples: later })).status).toBe('pass')
    const refused = { insert: [failed('connection-refused')], update: [], review: [] }
    expect(judgeTls(evidence({ https: true, samples: refused })).reason).toBe(
      'no TLS connection was made'
    )
    const hung = { insert: [failed('timeout')], update: [], review: [] }
    expect(judgeTls(evidence({ https: true, samples: hung, stopped: 'it hangs' })).reason).toBe(
      'it hangs'
    )
  })
})

describe('items that need a 2xx', () => {
  const all = (status: number) => ({
    samples: { insert: [answered(status)], update: [answered(status)], review: [answered(status)] }
  })

  it('have a reason only when events were answered, none with a 2xx', () => {
    expect(noAcceptedReason(evidence())).toBeNull()
    expect(noAcceptedReason(evidence(all(415)))).toBe('every event got HTTP 415')
    expect(noAcceptedReason(evidence({ ...all(415), stopped: 'x' }))).toBeNull()
    expect(noAcceptedReason(evidence(all(401)))).toBeNull()
    const mixed = { insert: [answered(500)], update: [answered(404)], review: [answered(500)] }
    expect(noAcceptedReason(evidence({ samples: mixed }))).toBe('no event was answered with a 2xx')
  })

  it('are not run for that reason, keeping their evidence and exchanges; skips stay skips', () => {
    const items = judgeAll(evidence({ ...all(415), email: '' }))
    const bad = items.find((i) => i.id === 'bad-input')!
    const ev = evidence(all(415))
    expect(bad).toEqual({
      id: 'bad-input',
      title: 'Bad input gets a 4xx',
      status: 'not-run',
      summary: 'Not run: every event got HTTP 415.',
      reason: 'every event got HTTP 415',
      evidence: [
        expect.stringMatching(/^malformed JSON: HTTP 400/),
        expect.stringMatching(/^unknown body: HTTP 400/)
      ],
      exchangeIds: [expect.any(String), expect.any(String)]
    })
    expect(items.find((i) => i.id === 'credentials')!.status).toBe('skip')
    expect(items.map((i) => i.id)).toEqual([
      'insert',
      'update',
      'review',
      'latency',
      'concurrency',
      'credentials',
      'idempotency',
      'lock-broken',
      'extra-keys',
      'bad-input',
      'alive-after-bad-input',
      'tls'
    ])
    expect(judgeAll(ev).find((i) => i.id === 'insert')!.status).toBe('fail')
  })
})
