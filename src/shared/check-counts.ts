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
