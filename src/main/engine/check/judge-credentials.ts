import type { CheckItem } from '@shared/check'
import type { Exchange } from '@shared/schemas'
import { HOOK_EVENTS } from '@shared/trialkit'
import { answerOf, describeAnswer } from './answer'
import { exchangeEvidence } from './describe-exchange'
import { hasNonAscii, item, LATIN1_HINT, notRun, TITLES, type CheckEvidence } from './evidence'
import { eventsRefused } from './judge-events'

const ID = 'credentials'
const TITLE = TITLES.credentials

/**
 * What one probe's answer says, when it is not the refusal it should be: only 401/403 counts as
 * refused and only 2xx as accepted; anything else is named for what it is.
 */
function probeFinding(
  label: string,
  acceptedAs: string,
  ex: Exchange
): { accepted: boolean; text: string } | null {
  const a = answerOf(ex)
  switch (a.kind) {
    case 'refused':
      return null
    case 'accepted':
      return { accepted: true, text: acceptedAs }
    case 'server-error':
      return {
        accepted: false,
        text: `${label} → HTTP ${a.status}: the endpoint errors instead of refusing (TrialKit users would see a ProtocolError instead of an auth failure)`
      }
    case 'client-error':
      if (a.status === 429) {
        return {
          accepted: false,
          text: `${label} → HTTP 429: rate limited, which says nothing about the credentials`
        }
      }
      return {
        accepted: false,
        text: `${label} → HTTP ${a.status}: not a refusal (401 or 403)`
      }
    default:
      return { accepted: false, text: `${label} → ${describeAnswer(a)}` }
  }
}

function rightRefused(ev: CheckEvidence, refused: Exchange): CheckItem {
  // A refusal is an answer (401 or 403), so it has a response.
  const status = refused.response!.status
  const lower = ev.credentials.lowerEmail
  const evidence = [exchangeEvidence('right credentials', refused)]
  const exchanges = [refused]
  let summary = `The right credentials were refused (HTTP ${status}).`
  if (lower) {
    evidence.push(exchangeEvidence(`email in lower case (${ev.email.toLowerCase()})`, lower))
    exchanges.push(lower)
    if (answerOf(lower).kind === 'accepted') {
      summary +=
        ` The same with the email in lower case (${ev.email.toLowerCase()}) was accepted: the endpoint compares the email case-sensitively.` +
        ' TrialKit sends the email exactly as entered in the hook; compare emails ignoring case.'
    }
  }
  if (hasNonAscii(ev.password)) summary += ` ${LATIN1_HINT}`
  else if (!lower || answerOf(lower).kind !== 'accepted') {
    summary += " Check the hook's email and password against what the endpoint expects."
  }
  return item(ID, TITLE, 'fail', summary, evidence, exchanges)
}

/** Credentials: the right ones accepted, wrong ones and none refused (401/403). */
export function judgeCredentials(ev: CheckEvidence): CheckItem {
  if (ev.email === '') {
    return item(
      ID,
      TITLE,
      'skip',
      'No credentials given: TrialKit sends none either. Give an email and password to check them.'
    )
  }
  const refused = eventsRefused(ev)
  if (refused) return rightRefused(ev, refused)
  const samples = HOOK_EVENTS.flatMap((e) => ev.samples[e])
  if (!samples.some((ex) => answerOf(ex).kind === 'accepted')) {
    if (ev.stopped !== null) return notRun(ID, TITLE, ev.stopped)
    const first = samples[0]
    const got = first ? describeAnswer(answerOf(first)) : 'nothing'
    const hint =
      first && answerOf(first).kind === 'server-error' && hasNonAscii(ev.password)
        ? ` ${LATIN1_HINT}`
        : ''
    return notRun(
      ID,
      TITLE,
      `no event was accepted with the right credentials (they got ${got}), so refusing wrong ones would prove nothing.${hint}`,
      first ? [exchangeEvidence('right credentials', first)] : [],
      first ? [first] : []
    )
  }
  const { wrong, none } = ev.credentials
  const probes: [string, Exchange][] = [
    ...(wrong ? [['wrong password', wrong] as [string, Exchange]] : []),
    ...(none ? [['no credentials', none] as [string, Exchange]] : [])
  ]
  const evidence = probes.map(([label, ex]) => exchangeEvidence(label, ex))
  const exchanges = probes.map(([, ex]) => ex)
  if (probes.length === 0) return notRun(ID, TITLE, ev.stopped ?? 'no probe was sent')
  // A probe that found the endpoint down says nothing about the credentials.
  if (ev.stopped !== null && probes.some(([, ex]) => ex.error?.kind === 'connection-refused')) {
    return notRun(ID, TITLE, ev.stopped, evidence, exchanges)
  }
  const findings = probes.flatMap(([label, ex]) => {
    const f = probeFinding(label, label === 'wrong password' ? 'wrong ones' : 'none', ex)
    return f ? [{ ...f, label }] : []
  })
  if (findings.length === 0) {
    const both = probes.length === 2 ? 'wrong ones and none are' : `${probes[0]![0]} is`
    return item(
      ID,
      TITLE,
      'pass',
      `The right credentials are accepted; ${both} refused.`,
      evidence,
      exchanges
    )
  }
  const accepted = findings.filter((f) => f.accepted).map((f) => f.text)
  const odd = findings.filter((f) => !f.accepted).map((f) => f.text)
  const parts: string[] = []
  if (accepted.length > 0) {
    parts.push(
      `It accepts ${accepted.join(' and ')}: credentials are optional in TrialKit, but then they protect nothing.`
    )
  }
  if (odd.length > 0) parts.push(`${odd.join('; ')}.`)
  return item(ID, TITLE, 'warn', parts.join(' '), evidence, exchanges)
}
