import type { CheckReport } from '../../../../shared/check'

/** The verdict in one sentence; a warn that only comes from items that could not run says so. */
export function verdictText(report: CheckReport): string {
  if (report.verdict === 'pass') return 'Ready for TrialKit.'
  if (report.verdict === 'fail') return 'Not ready: TrialKit users would see ProtocolErrors.'
  return report.items.some((i) => i.status === 'warn')
    ? 'Works, with warnings.'
    : 'Works, but some items could not be checked.'
}

/** "7 passed, 1 failed, 6 not run · 1 request to URL": items that did not run counted apart. */
export function countsText(report: CheckReport): string {
  const n = (s: string): number => report.items.filter((i) => i.status === s).length
  const parts = [
    `${n('pass')} passed`,
    n('warn') > 0 ? `${n('warn')} warning${n('warn') === 1 ? '' : 's'}` : null,
    n('fail') > 0 ? `${n('fail')} failed` : null,
    n('skip') > 0 ? `${n('skip')} skipped` : null,
    n('not-run') > 0 ? `${n('not-run')} not run` : null
  ].filter((p): p is string => p !== null)
  const requests = `${report.requestsSent} request${report.requestsSent === 1 ? '' : 's'}`
  return `${parts.join(', ')} · ${requests} to ${report.url}`
}
