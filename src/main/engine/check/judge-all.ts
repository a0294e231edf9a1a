import type { CheckItem } from '../../../shared/check'
import { HOOK_EVENTS } from '../../../shared/trialkit'
import { exchangeEvidence } from './describe-exchange'
import { item, notRun, TITLES, type CheckEvidence } from './evidence'
import { judgeCredentials } from './judge-credentials'
import { judgeEvent, judgeLatency } from './judge-events'
import {
  judgeAlive,
  judgeBadInput,
  judgeExtraKeys,
  judgeIdempotency,
  judgeLockBroken
} from './judge-input'

/** TLS: valid, self-signed (the rest ran unverified), or a failed handshake. */
export function judgeTls(ev: CheckEvidence): CheckItem {
  const id = 'tls'
  if (ev.tls) {
    const evidence = [exchangeEvidence('insert', ev.tls.exchange)]
    return ev.tls.selfSigned
      ? item(
          id,
          TITLES.tls,
          'warn',
          'The certificate is self-signed: TrialKit will refuse it. The rest of the check ran without verifying it.',
          evidence,
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
  const connected = ev.samples.insert.some(
    (ex) => ex.response !== null || (ex.error !== null && ex.error.kind !== 'connection-refused')
  )
  if (connected && ev.samples.insert.some((ex) => ex.response !== null)) {
    return item(id, TITLES.tls, 'pass', 'The certificate is valid for this host.')
  }
  return notRun(id, TITLES.tls, ev.stopped ?? 'no TLS connection was made')
}

/** Every item, in the order the checklist shows them. */
export function judgeAll(ev: CheckEvidence): CheckItem[] {
  return [
    ...HOOK_EVENTS.map((event) => judgeEvent(ev, event)),
    judgeLatency(ev),
    judgeCredentials(ev),
    judgeIdempotency(ev),
    judgeLockBroken(ev),
    judgeExtraKeys(ev),
    judgeBadInput(ev),
    judgeAlive(ev),
    judgeTls(ev)
  ]
}
