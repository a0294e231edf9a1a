import type { CheckCounts, CheckItem, CheckReport, RootCause } from '@shared/check'
import { HOOK_EVENTS } from '@shared/trialkit'

/**
 * The verdict in one sentence, computed once here and printed by CLI and UI alike. Real TrialKit
 * events (insert, update, review) are told apart from the robustness probes: a failed probe is not
 * a ProtocolError a site user would see on a normal save.
 */
export function headlineOf(
  verdict: CheckReport['verdict'],
  items: readonly CheckItem[],
  rootCause: RootCause | null
): string {
  const failed = items.filter((i) => i.status === 'fail')
  const events = items.filter((i) => (HOOK_EVENTS as readonly string[]).includes(i.id))
  if (verdict === 'pass') return 'Ready for TrialKit.'
  if (verdict === 'fail') {
    if (rootCause) return 'Not ready: every real save gets the same refusal (see the root cause).'
    if (failed.some((i) => i.id === 'tls')) {
      return 'Not ready: TrialKit will refuse the certificate, so every save would show a ProtocolError.'
    }
    if (events.some((i) => i.status === 'fail') || failed.some((i) => i.id === 'credentials')) {
      return 'Not ready: TrialKit users would see ProtocolErrors.'
    }
    if (failed.some((i) => i.id === 'url')) return 'Not ready: TrialKit cannot call this URL.'
    const realOk = events.length > 0 && events.every((i) => i.status === 'pass')
    const names = failed.map((i) => i.title).join('; ')
    return realOk
      ? `Real saves (insert, update, review) pass; robustness problems: ${names}.`
      : `Not ready: ${names}.`
  }
  return items.some((i) => i.status === 'warn')
    ? 'Works, with warnings.'
    : 'Works, but some items could not be checked.'
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/**
 * "3 passed, 1 warning, 2 failed, 1 skipped, 6 not run; 13 requests sent": the report's summary,
 * worded here once so the CLI and the UI print the same words.
 */
export function summaryOf(counts: CheckCounts, requestsSent: number): string {
  const counted = [
    `${counts.pass} passed`,
    plural(counts.warn, 'warning', 'warnings'),
    `${counts.fail} failed`,
    `${counts.skip} skipped`,
    ...(counts.notRun > 0 ? [`${counts.notRun} not run`] : [])
  ].join(', ')
  return `${counted}; ${plural(requestsSent, 'request', 'requests')} sent`
}
