import type { CheckReport } from '../../../../shared/check'
import { countsSentence } from '../../../../shared/check-counts'

/** The verdict in one sentence, as the engine worded it for CLI and UI alike. */
export function verdictText(report: CheckReport): string {
  return report.headline
}

/** "7 passed, 1 warning, 1 failed, 0 skipped, 6 not run · 1 request to URL". */
export function countsText(report: CheckReport): string {
  const requests = `${report.requestsSent} request${report.requestsSent === 1 ? '' : 's'}`
  return `${countsSentence(report.counts)} · ${requests} to ${report.url}`
}
