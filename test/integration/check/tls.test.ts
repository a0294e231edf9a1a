import { beforeAll, describe, expect, it } from 'vitest'
import type { CheckItem, CheckReport } from '@shared/check'
import { skipNote } from '../../helpers/skip-note'
import {
  hasOpenssl,
  makeFaultyCertificates,
  type FaultyCertificates
} from '../../helpers/tls-faults'
import { useCheckHarness } from './check-harness'
import { CREDENTIALS, good } from '../../helpers/endpoint'

/**
 * One endpoint per certificate fault: the TLS item fails (exit 1 in the CLI) and says what TrialKit
 * will refuse the certificate for; the rest of the check still runs unverified, and says so.
 */

const { serve, check } = useCheckHarness({ timeoutSeconds: 3, ...CREDENTIALS })
const openssl = hasOpenssl()
const note = skipNote(openssl, 'faulty TLS certificates', 'openssl is not installed')
let certs: FaultyCertificates

beforeAll(() => {
  if (openssl) certs = makeFaultyCertificates()
}, 60_000)

function tlsOf(report: CheckReport): CheckItem {
  return report.items.find((i) => i.id === 'tls')!
}

const UNVERIFIED =
  ': TrialKit will refuse it, so every save shows a ProtocolError. The rest of the check ran without verifying it.'

describe.runIf(openssl)(`TLS says what TrialKit will do${note}`, () => {
  it('fails a self-signed certificate, and the rest still runs', async () => {
    const endpoint = await serve(good, { tls: true })
    const report = await check(endpoint.url)
    expect(tlsOf(report)).toMatchObject({
      status: 'fail',
      summary: `The certificate is self-signed${UNVERIFIED}`,
      evidence: [
        expect.stringMatching(/^insert: tls after \d+ ms — TLS handshake failed: self[- ]signed/),
        'issuer: localhost (itself)',
        expect.stringMatching(/^valid to: 20\d\d-/),
        'for: localhost, 127.0.0.1, 0:0:0:0:0:0:0:1'
      ]
    })
    expect(report.items.find((i) => i.id === 'insert')?.status).toBe('pass')
    expect(report.verdict).toBe('fail')
    expect(report.headline).toBe(
      'Not ready: TrialKit will refuse the certificate, so every save would show a ProtocolError.'
    )
  })

  it('names the issuer of a certificate from a CA that is not trusted', async () => {
    const endpoint = await serve(good, { tls: certs.unknownCa })
    const tls = tlsOf(await check(endpoint.url))
    expect(tls.status).toBe('fail')
    expect(tls.summary).toBe(
      `The certificate is issued by "Acme Private Root CA", a CA that is not trusted, or sent without its intermediate certificates (an incomplete chain)${UNVERIFIED}`
    )
    expect(tls.evidence).toContain(
      'if the endpoint uses a private CA that TrialKit trusts, run the check with NODE_EXTRA_CA_CERTS set to that CA certificate (PEM)'
    )
  })

  it('names the missing intermediate of an incomplete chain', async () => {
    const endpoint = await serve(good, { tls: certs.incompleteChain })
    const tls = tlsOf(await check(endpoint.url))
    expect(tls.status).toBe('fail')
    expect(tls.summary).toBe(
      `The certificate is issued by "Acme Issuing CA 1", a CA that is not trusted, or sent without its intermediate certificates (an incomplete chain)${UNVERIFIED}`
    )
  })

  it('says when an expired certificate expired', async () => {
    const endpoint = await serve(good, { tls: certs.expired })
    const tls = tlsOf(await check(endpoint.url))
    expect(tls.status).toBe('fail')
    expect(tls.summary).toBe(
      `The certificate is self-signed and expired on 2021-01-01${UNVERIFIED}`
    )
  })

  it('names the names a certificate is for, even when its chain is untrusted too', async () => {
    const endpoint = await serve(good, { tls: certs.wrongName })
    const report = await check(endpoint.url)
    const tls = tlsOf(report)
    expect(tls.status).toBe('fail')
    expect(tls.summary).toBe(
      `The certificate is self-signed and for another name (other.example), not 127.0.0.1${UNVERIFIED}`
    )
    expect(report.items.find((i) => i.id === 'review')?.status).toBe('pass')
  })
})
