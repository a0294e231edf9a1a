import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A certificate and its key, PEM; `chain` is what the server sends after the leaf (if any). */
export interface TestCertificate {
  cert: string
  key: string
}

/** Certificates with the faults real endpoints have, for 127.0.0.1 unless said otherwise. */
export interface FaultyCertificates {
  /** Signed by "Acme Private Root CA", a CA no one trusts. */
  unknownCa: TestCertificate
  /** Self-signed, valid from 2020-01-01 to 2021-01-01. */
  expired: TestCertificate
  /** Self-signed for other.example only. */
  wrongName: TestCertificate
  /** Signed by "Acme Issuing CA 1", an intermediate the server does not send. */
  incompleteChain: TestCertificate
}

const LEAF_EXT = [
  'basicConstraints=critical,CA:FALSE',
  'keyUsage=critical,digitalSignature,keyEncipherment',
  'extendedKeyUsage=serverAuth'
].join('\n')

/**
 * Makes the faulty certificates with openssl in a temporary folder (removed before returning).
 * The keys are test fixtures only: they protect nothing. Throws when openssl is missing.
 */
export function makeFaultyCertificates(): FaultyCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'hi-tls-'))
  const run = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
  }
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8')
  const ext = (name: string, san: string): string => {
    writeFileSync(join(dir, name), `${LEAF_EXT}\nsubjectAltName=${san}\n`)
    return name
  }
  /** A new key and a signing request for it. */
  const request = (name: string, subject: string): void => {
    run(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject
    )
  }
  /** The request signed by `signer`'s key, or by its own (self-signed), for 30 days. */
  const sign = (name: string, signer: string | null, extFile: string): void => {
    const by = signer
      ? ['-CA', `${signer}.pem`, '-CAkey', `${signer}.key`, '-CAcreateserial']
      : ['-signkey', `${name}.key`]
    run(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      ...by,
      '-days',
      '30',
      '-extfile',
      extFile,
      '-out',
      `${name}.pem`
    )
  }
  const ca = (name: string, cn: string, signer?: string): void => {
    request(name, `/CN=${cn}`)
    writeFileSync(
      join(dir, `${name}.ext`),
      'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n'
    )
    sign(name, signer ?? null, `${name}.ext`)
  }
  const leaf = (name: string, san: string, signer: string | null): TestCertificate => {
    request(name, '/CN=hook')
    sign(name, signer, ext(`${name}.ext`, san))
    return { cert: read(`${name}.pem`), key: read(`${name}.key`) }
  }
  try {
    ca('root', 'Acme Private Root CA')
    ca('issuing', 'Acme Issuing CA 1', 'root')
    const unknownCa = leaf('unknown', 'IP:127.0.0.1', 'root')
    const wrongName = leaf('wrong', 'DNS:other.example', null)
    const incompleteChain = leaf('incomplete', 'IP:127.0.0.1', 'issuing')
    // An expired certificate needs dates in the past, which only `openssl ca` sets.
    request('expired', '/CN=hook')
    writeFileSync(join(dir, 'index.txt'), '')
    writeFileSync(join(dir, 'serial'), '01\n')
    writeFileSync(
      join(dir, 'ca.cnf'),
      [
        '[ca]',
        'default_ca=test',
        '[test]',
        `dir=${dir}`,
        'database=$dir/index.txt',
        'serial=$dir/serial',
        'new_certs_dir=$dir',
        'default_md=sha256',
        'policy=any',
        'copy_extensions=none',
        'x509_extensions=leaf',
        '[any]',
        'commonName=supplied',
        '[leaf]',
        LEAF_EXT,
        'subjectAltName=IP:127.0.0.1'
      ].join('\n')
    )
    run(
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-selfsign',
      '-keyfile',
      'expired.key',
      '-in',
      'expired.csr',
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20210101000000Z',
      '-out',
      'expired.pem',
      '-notext'
    )
    const expired = { cert: read('expired.pem'), key: read('expired.key') }
    return { unknownCa, expired, wrongName, incompleteChain }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Whether openssl can be run here (the faulty certificates need it). */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' })
    return true
  } catch {
    return false
  }
}
