/**
 * For a test (or group) that can only run where `canRun` holds: '' where it runs; elsewhere it
 * prints why it is skipped and returns that reason for the test's title, so a skip never passes
 * unexplained. Use with `it.runIf(canRun)(title + skipNote(canRun, title, why), …)`.
 */
export function skipNote(canRun: boolean, title: string, why: string): string {
  if (canRun) return ''
  console.log(`skipped: ${title}: cannot run here: ${why}`)
  return ` (cannot run here: ${why})`
}
