import type { CheckReport } from '@shared/check'

/** The verdict in one sentence, as the engine worded it for CLI and UI alike. */
export function verdictText(report: CheckReport): string {
  return report.headline
}

/** "7 passed, 1 warning, 1 failed, 0 skipped, 6 not run; 1 request sent to URL", in the engine's words. */
export function countsText(report: CheckReport): string {
  return `${report.summary} to ${report.url}`
}
