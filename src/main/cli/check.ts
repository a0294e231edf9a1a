import type { Command } from 'commander'
import type { CheckItem, CheckReport } from '@shared/check'
import { CHECK_SLOW_MS_DEFAULT, CHECK_SLOW_MS_MAX, CheckRequestSchema } from '@shared/check'
import { HOOK_TIMEOUT_DEFAULT_S, HOOK_TIMEOUT_MAX_S, HOOK_TIMEOUT_MIN_S } from '@shared/schemas'
import { ownedBy } from './data-dir-owner'
import { createHeadlessEngine, MAX_CHECK_REQUESTS } from '../engine'
import { EXIT_FAILURE, EXIT_OK, UsageError } from './errors'
import { checkSuite } from './junit/junit-reports'
import { junitXml } from './junit/junit-xml'
import { junitPath, writeJunitFile } from './junit/write-junit'
import { parseWholeNumber } from './options'
import { printLine } from './output'
import { parseTargetFlags, type TargetFlags } from './target-flags'
import { PASSWORD_FLAGS, secretEnvHelp, secretFileHelp, secretValueHelp } from './secret-flags'

interface CheckFlags extends TargetFlags {
  json?: boolean
  dataDir?: string
  slowMs?: string
  junit?: string
}

const MARKS: Record<CheckItem['status'], string> = {
  pass: '✓',
  warn: '!',
  fail: '✗',
  skip: '-',
  'not-run': '–'
}

/**
 * The checklist as people read it: the verdict and the root cause first, then one line per item,
 * its evidence indented below.
 */
export function formatCheckReport(report: CheckReport): string {
  const lines = [
    `Readiness check of ${report.url} (timeout ${report.timeoutMs / 1000} s)`,
    '',
    report.headline
  ]
  if (report.rootCause) {
    lines.push(`Root cause: ${report.rootCause.summary}`)
    for (const e of report.rootCause.evidence) lines.push(`          ${e}`)
  }
  lines.push('')
  for (const item of report.items) {
    const status = item.status === 'not-run' ? 'not run' : item.status.padEnd(4)
    lines.push(`${MARKS[item.status]} ${status}  ${item.title}: ${item.summary}`)
    for (const e of item.evidence) lines.push(`          ${e}`)
  }
  lines.push('', `${report.verdict.toUpperCase()}: ${report.summary}.`)
  return lines.join('\n')
}

/**
 * Runs the readiness check against an endpoint and prints the checklist: exit 0 when nothing
 * failed (warnings allowed), 1 when an item failed, 2 for bad usage.
 */
export async function runCheckCommand(flags: CheckFlags): Promise<void> {
  const { email, password, timeoutSeconds } = await parseTargetFlags(flags)
  const slowMs = parseWholeNumber(
    '--slow-ms',
    flags.slowMs ?? String(CHECK_SLOW_MS_DEFAULT),
    1,
    CHECK_SLOW_MS_MAX
  )
  const request = CheckRequestSchema.parse({
    url: flags.url,
    email,
    password,
    timeoutSeconds,
    slowMs
  })
  const dataDir = flags.dataDir === undefined ? null : flags.dataDir.trim()
  if (dataDir === '') throw new UsageError('--data-dir must not be empty')
  const junit = junitPath(flags.junit)
  const engine = await createHeadlessEngine({ dataDir, startReceiver: false, ...ownedBy('check') })
  let report: CheckReport
  try {
    report = await engine.runCheck(request)
  } finally {
    await engine.close()
  }
  if (junit !== null) await writeJunitFile(junit, junitXml(checkSuite(report)))
  await printLine(flags.json ? JSON.stringify(report) : formatCheckReport(report))
  process.exitCode = report.verdict === 'fail' ? EXIT_FAILURE : EXIT_OK
}

/** `hook-inspector check`: will this endpoint survive TrialKit? */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      `Check that an endpoint is ready for TrialKit: each event answered 2xx in time (a 2xx whose body says it failed warns), latency per event (p95), several saves at once (and rate limiting), credentials, idempotency, a review with LockBroken, an extra field, bad input and surviving it, TLS (a certificate TrialKit refuses fails, named). One cause shared by every event is said once, first, as the root cause. Sends at most ${MAX_CHECK_REQUESTS} requests, and stops early when the endpoint cannot be reached, hangs or redirects; what could not be judged is "not run", with the reason (exit 0: no failures; 1: a check failed; 2: bad usage).`
    )
    .requiredOption('--url <url>', 'the endpoint (absolute http:// or https://)')
    .option('--email <email>', 'hook email; sent as HTTP Basic auth with the password')
    .option('--password-env <name>', secretEnvHelp(PASSWORD_FLAGS))
    .option('--password-file <file>', secretFileHelp(PASSWORD_FLAGS))
    .option('--password <password>', secretValueHelp('hook password (may contain ":")'))
    .option(
      '--timeout <seconds>',
      `the hook timeout, ${HOOK_TIMEOUT_MIN_S}-${HOOK_TIMEOUT_MAX_S} s`,
      String(HOOK_TIMEOUT_DEFAULT_S)
    )
    .option(
      '--slow-ms <ms>',
      `warn when an event's p95 is above this (a site user waits that long on every save), 1-${CHECK_SLOW_MS_MAX}`,
      String(CHECK_SLOW_MS_DEFAULT)
    )
    .option('--json', 'print the checklist as one JSON object')
    .option(
      '--junit <file>',
      'also write the checklist as JUnit XML for CI (one testcase per item; written owner-only)'
    )
    .option(
      '--data-dir <dir>',
      'record the exchanges in this data directory (default: not recorded); not one a running app uses'
    )
    .action((flags: CheckFlags) => runCheckCommand(flags))
}
