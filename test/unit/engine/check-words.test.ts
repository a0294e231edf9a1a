import { describe, expect, it } from 'vitest'
import { describeTries, hostPort } from '@main/engine/check/address-probe'
import { slashVariant, sharedStatus } from '@main/engine/check/root-cause'
import { retryAfterMs } from '@main/engine/check/run-check'
import { describeCertificate, type CertificateFacts } from '@main/engine/check/tls-certificate'
import { answered, evidence, failed } from './check-fixture'

/** The words the check builds from what it found: each fact gives exactly its sentence. */

describe('refused connections name the addresses tried', () => {
  it('says which address answers and which family the endpoint listens on', () => {
    const v6only = [
      { address: '127.0.0.1', answers: false },
      { address: '::1', answers: true }
    ]
    expect(describeTries(v6only, 5324)).toBe(
      'Connection refused at 127.0.0.1:5324; [::1]:5324 answers: the endpoint listens on IPv6 only'
    )
    const v4only = [
      { address: '::1', answers: false },
      { address: '127.0.0.1', answers: true }
    ]
    expect(describeTries(v4only, 80)).toBe(
      'Connection refused at [::1]:80; 127.0.0.1:80 answers: the endpoint listens on IPv4 only'
    )
    expect(
      describeTries(
        [
          { address: '127.0.0.1', answers: false },
          { address: '::1', answers: false }
        ],
        9
      )
    ).toBe('Connection refused at 127.0.0.1:9 and [::1]:9: nothing listens on that port')
    expect(
      describeTries(
        [
          { address: '10.0.0.1', answers: false },
          { address: '10.0.0.2', answers: true },
          { address: 'fd00::2', answers: true }
        ],
        443
      )
    ).toBe('Connection refused at 10.0.0.1:443; 10.0.0.2:443 and [fd00::2]:443 answer')
    expect(hostPort('::1', 1)).toBe('[::1]:1')
  })
})

describe('a refused certificate is named', () => {
  const base: CertificateFacts = {
    chainError: null,
    selfSigned: false,
    issuer: 'Acme CA',
    validTo: '2030-01-01T00:00:00.000Z',
    expired: false,
    names: ['hook.example'],
    wrongNameFor: null
  }
  it('says each problem the certificate has, in one sentence', () => {
    expect(
      describeCertificate({ ...base, chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT', selfSigned: true })
    ).toBe('The certificate is self-signed')
    expect(describeCertificate({ ...base, chainError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' })).toBe(
      'The certificate is issued by "Acme CA", a CA that is not trusted, or sent without its intermediate certificates (an incomplete chain)'
    )
    expect(
      describeCertificate({
        ...base,
        chainError: 'CERT_HAS_EXPIRED',
        expired: true,
        validTo: '2021-01-01T00:00:00.000Z'
      })
    ).toBe('The certificate is expired on 2021-01-01')
    expect(
      describeCertificate({
        ...base,
        chainError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
        expired: true,
        validTo: '2021-01-01T00:00:00.000Z',
        wrongNameFor: '127.0.0.1'
      })
    ).toBe(
      'The certificate is issued by "Acme CA", a CA that is not trusted, or sent without its intermediate certificates (an incomplete chain), expired on 2021-01-01 and for another name (hook.example), not 127.0.0.1'
    )
    expect(describeCertificate({ ...base, wrongNameFor: 'a.example', names: [] })).toBe(
      'The certificate is for another name (no name), not a.example'
    )
    expect(describeCertificate({ ...base, chainError: 'CERT_REVOKED' })).toBe(
      'The certificate was refused (CERT_REVOKED)'
    )
  })
})

describe('one cause for every event', () => {
  it('is the one non-2xx status every event got, not a refusal of credentials or a mix', () => {
    const all = (status: number) =>
      evidence({
        samples: {
          insert: [answered(status)],
          update: [answered(status)],
          review: [answered(status)]
        }
      })
    expect(sharedStatus(all(415))).toBe(415)
    expect(sharedStatus(all(503))).toBe(503)
    expect(sharedStatus(all(401))).toBeNull()
    expect(sharedStatus(all(200))).toBeNull()
    expect(
      sharedStatus(
        evidence({
          samples: { insert: [answered(404)], update: [answered(404)], review: [answered(422)] }
        })
      )
    ).toBeNull()
    expect(
      sharedStatus(
        evidence({ samples: { insert: [answered(404)], update: [answered(404)], review: [] } })
      )
    ).toBeNull()
    expect(
      sharedStatus(
        evidence({
          samples: {
            insert: [failed('timeout')],
            update: [failed('timeout')],
            review: [failed('timeout')]
          }
        })
      )
    ).toBeNull()
  })

  it('tries the URL with its trailing slash added, or taken away', () => {
    expect(slashVariant('http://h:1/hook')).toBe('http://h:1/hook/')
    expect(slashVariant('http://h:1/hook/?a=1')).toBe('http://h:1/hook?a=1')
    expect(slashVariant('http://h:1/hook//')).toBe('http://h:1/hook')
    // The root has no other form.
    expect(slashVariant('http://h:1/')).toBeNull()
    expect(slashVariant('not a url')).toBeNull()
  })
})

describe('rate limiting', () => {
  const limited = (value: string | null) =>
    answered(429, 5, value === null ? [] : [['Retry-After', value]])
  it('waits what Retry-After asks, at most 5 s, 1 s when it says nothing', () => {
    expect(retryAfterMs(limited('2'))).toBe(2000)
    expect(retryAfterMs(limited('120'))).toBe(5000)
    expect(retryAfterMs(limited(null))).toBe(1000)
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(retryAfterMs(limited('Thu, 01 Jan 2026 00:00:03 GMT'), now)).toBe(3000)
    expect(retryAfterMs(limited('Wed, 31 Dec 2025 00:00:00 GMT'), now)).toBe(0)
  })
})
