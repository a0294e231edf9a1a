import type { CheckItem } from '@shared/check'
import { HOOK_EVENTS } from '@shared/trialkit'
import { exchangeEvidence } from './describe-exchange'
import { item, notRun, TITLES, type CheckEvidence } from './evidence'
import { judgeConcurrency } from './judge-concurrency'
import { judgeCredentials } from './judge-credentials'
import { anyAccepted, eventsRefused, judgeEvent, judgeLatency } from './judge-events'
import { sharedStatus, sharedStatusReason } from './root-cause'
import { describeCertificate, type CertificateFacts } from './tls-certificate'
import {
  judgeAlive,
  judgeBadInput,
  judgeExtraKeys,
  judgeIdempotency,
  judgeLockBroken
} from './judge-input'

/** Evidence lines for a refused certificate: who issued it, until when, for which names. */
function certificateEvidence(c: CertificateFacts): string[] {
  const lines = [
    `issuer: ${c.issuer}${c.selfSigned ? ' (itself)' : ''}`,
    `valid to: ${c.validTo ?? 'unknown'}`,
    `for: ${c.names.length > 0 ? c.names.join(', ') : 'no name'}`
  ]
  if (c.chainError !== null && !c.selfSigned) {
    lines.push(
      'if the endpoint uses a private CA that TrialKit trusts, run the check with NODE_EXTRA_CA_CERTS set to that CA certificate (PEM)'
    )
  }
  return lines
}

/**
 * TLS: valid, a certificate TrialKit refuses (fail, named: self-signed, untrusted issuer or
 * incomplete chain, expired, another name; the rest ran unverified), or a failed handshake.
 */
export function judgeTls(ev: CheckEvidence): CheckItem {
  const id = 'tls'
  if (ev.tls) {
    const evidence = [exchangeEvidence('insert', ev.tls.exchange)]
    const cert = ev.tls.certificate
    return cert
      ? item(
          id,
          TITLES.tls,
          'fail',
          `${describeCertificate(cert)}: TrialKit will refuse it, so every save shows a ProtocolError. The rest of the check ran without verifying it.`,
          [...evidence, ...certificateEvidence(cert)],
          [ev.tls.exchange]
        )
      : item(
          id,
          TITLES.tls,
          'fail',
          'The TLS handshake failed, so TrialKit cannot call this endpoint.',
          evidence,
          [ev.tls.exchange]
        )
  }
  if (!ev.https) {
    return item(
      id,
      TITLES.tls,
      'skip',
      'A plain http URL: there is no TLS to check (a hook on the internet should use https).'
    )
  }
  // An insert that got a response made the TLS connection, with the certificate verified.
  if (ev.samples.insert.some((ex) => ex.response !== null)) {
    return item(id, TITLES.tls, 'pass', 'The certificate is valid for this host.')
  }
  return notRun(id, TITLES.tls, ev.stopped ?? 'no TLS connection was made')
}

/**
 * Why the items that need a 2xx answer cannot be judged: every event was answered, but none with
 * a 2xx (a refusal of the credentials and a stop have their own reasons). null when they can be.
 */
export function noAcceptedReason(ev: CheckEvidence): string | null {
  if (ev.stopped !== null || eventsRefused(ev)) return null
  if (anyAccepted(ev)) return null
  const shared = sharedStatus(ev)
  if (shared !== null) return sharedStatusReason(shared)
  return 'no event was answered with a 2xx'
}

/** Every item, in the order the checklist shows them. */
export function judgeAll(ev: CheckEvidence): CheckItem[] {
  const reason = noAcceptedReason(ev)
  // Judged on refusals, these would pass or warn on the strength of answers that were no saves.
  const needs2xx = (i: CheckItem): CheckItem =>
    reason === null || i.status === 'skip'
      ? i
      : { ...notRun(i.id, i.title, reason, i.evidence), exchangeIds: i.exchangeIds }
  return [
    ...HOOK_EVENTS.map((event) => judgeEvent(ev, event)),
    needs2xx(judgeLatency(ev)),
    needs2xx(judgeConcurrency(ev)),
    needs2xx(judgeCredentials(ev)),
    needs2xx(judgeIdempotency(ev)),
    needs2xx(judgeLockBroken(ev)),
    needs2xx(judgeExtraKeys(ev)),
    needs2xx(judgeBadInput(ev)),
    needs2xx(judgeAlive(ev)),
    judgeTls(ev)
  ]
}
