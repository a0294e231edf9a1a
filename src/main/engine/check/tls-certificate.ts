import { isIP } from 'node:net'
import { checkServerIdentity, connect, type DetailedPeerCertificate } from 'node:tls'

/**
 * What is wrong with an endpoint's certificate, read from the certificate itself so that a verdict
 * says which problem TrialKit will refuse it for (self-signed, an untrusted issuer or incomplete
 * chain, expired, for another name), not just that the handshake failed.
 */
export interface CertificateFacts {
  /** OpenSSL's verification result for the chain (null: the chain is trusted). */
  chainError: string | null
  selfSigned: boolean
  /** The issuer's name (CN, else O) as the certificate gives it. */
  issuer: string
  /** When it stops being valid, as an ISO date. */
  validTo: string | null
  expired: boolean
  /** The names it is for (subjectAltName, else the CN). */
  names: string[]
  /** The host the URL names, when the certificate is not for it. */
  wrongNameFor: string | null
}

const SELF_SIGNED_CODES = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT'])
const UNTRUSTED_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED'
])

function nameOf(entity: Record<string, string | string[] | undefined> | undefined): string {
  const pick = (v: string | string[] | undefined): string | undefined =>
    Array.isArray(v) ? v[0] : v
  return pick(entity?.CN) ?? pick(entity?.O) ?? 'an unnamed issuer'
}

function namesOf(cert: DetailedPeerCertificate): string[] {
  const alt = (cert.subjectaltname ?? '')
    .split(',')
    .map((n) => n.trim().replace(/^(DNS|IP Address):/, ''))
    .filter((n) => n !== '')
  if (alt.length > 0) return alt
  const cn = nameOf(cert.subject as Record<string, string | undefined>)
  return cn === 'an unnamed issuer' ? [] : [cn]
}

/** The facts of a certificate as the endpoint presented it, judged for `host`. */
export function factsOf(
  cert: DetailedPeerCertificate,
  host: string,
  chainError: string | null,
  now = Date.now()
): CertificateFacts {
  const validTo = cert.valid_to ? new Date(cert.valid_to) : null
  const validIso = validTo && !Number.isNaN(validTo.getTime()) ? validTo.toISOString() : null
  const issuerIsSelf =
    cert.issuerCertificate === undefined ||
    cert.issuerCertificate === cert ||
    cert.issuerCertificate.fingerprint256 === cert.fingerprint256
  const selfSigned =
    (chainError !== null && SELF_SIGNED_CODES.has(chainError)) ||
    (issuerIsSelf && chainError !== null && !UNTRUSTED_CODES.has(chainError))
  const mismatch = checkServerIdentity(host.replace(/^\[|\]$/g, ''), cert)
  return {
    chainError,
    selfSigned,
    issuer: nameOf(cert.issuer as Record<string, string | undefined>),
    validTo: validIso,
    expired:
      chainError === 'CERT_HAS_EXPIRED' ||
      (validTo !== null && !Number.isNaN(validTo.getTime()) && validTo.getTime() < now),
    names: namesOf(cert),
    wrongNameFor: mismatch === undefined ? null : host
  }
}

/**
 * Connects once (a TLS handshake, no HTTP request) without verifying, to read the certificate the
 * endpoint presents. null when no handshake completes within `timeoutMs`.
 */
export function readCertificate(url: string, timeoutMs: number): Promise<CertificateFacts | null> {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return Promise.resolve(null)
  }
  const host = u.hostname.replace(/^\[|\]$/g, '')
  const port = Number(u.port || 443)
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port,
      // Reading a certificate TrialKit would refuse is the point: nothing is sent over it.
      rejectUnauthorized: false,
      ...(isIP(host) === 0 ? { servername: host } : {})
    })
    const done = (facts: CertificateFacts | null): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve(facts)
    }
    const timer = setTimeout(() => done(null), timeoutMs)
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate(true)
      if (!cert || Object.keys(cert).length === 0) {
        done(null)
        return
      }
      const err = socket.authorizationError as unknown
      const code =
        err === null || err === undefined
          ? null
          : typeof err === 'string'
            ? err
            : ((err as { code?: string }).code ?? String(err))
      done(factsOf(cert, host, code))
    })
    socket.once('error', () => done(null))
  })
}

/** When a certificate is refused, in the words an integrator can act on. */
export function describeCertificate(facts: CertificateFacts): string {
  const problems: string[] = []
  if (facts.selfSigned) problems.push('self-signed')
  else if (facts.chainError !== null && UNTRUSTED_CODES.has(facts.chainError)) {
    problems.push(
      `issued by "${facts.issuer}", a CA that is not trusted, or sent without its intermediate certificates (an incomplete chain)`
    )
  }
  if (facts.expired) {
    problems.push(`expired${facts.validTo ? ` on ${facts.validTo.slice(0, 10)}` : ''}`)
  }
  if (facts.wrongNameFor !== null) {
    const names = facts.names.length > 0 ? facts.names.join(', ') : 'no name'
    problems.push(`for another name (${names}), not ${facts.wrongNameFor}`)
  }
  if (problems.length === 0) {
    return `The certificate was refused (${facts.chainError ?? 'unknown reason'})`
  }
  const last = problems.pop()!
  const list = problems.length > 0 ? `${problems.join(', ')} and ${last}` : last
  return `The certificate is ${list}`
}
