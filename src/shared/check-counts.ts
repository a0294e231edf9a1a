import type { CheckCounts, CheckItem } from './check'

/** How many items ended in each status, for `--json` and the closing line. */
export function countsOf(items: readonly CheckItem[]): CheckCounts {
  const n = (s: CheckItem['status']): number => items.filter((i) => i.status === s).length
  return {
    pass: n('pass'),
    warn: n('warn'),
    fail: n('fail'),
    notRun: n('not-run'),
    skip: n('skip')
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/** "3 passed, 1 warning, 2 failed, 1 skipped, 6 not run": what CLI and UI both print. */
export function countsSentence(counts: CheckCounts): string {
  return [
    `${counts.pass} passed`,
    plural(counts.warn, 'warning', 'warnings'),
    `${counts.fail} failed`,
    `${counts.skip} skipped`,
    ...(counts.notRun > 0 ? [`${counts.notRun} not run`] : [])
  ].join(', ')
}
