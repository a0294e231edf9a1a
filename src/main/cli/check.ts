import type { Command } from 'commander'
import type { CheckItem, CheckReport } from '../../shared/check'
import { CheckRequestSchema } from '../../shared/check'
import {
  HOOK_TIMEOUT_DEFAULT_S,
  HOOK_TIMEOUT_MAX_S,
  HOOK_TIMEOUT_MIN_S
} from '../../shared/schemas'
import { createHeadlessEngine, MAX_CHECK_REQUESTS } from '../engine'
import { EXIT_FAILURE, EXIT_OK, UsageError } from './errors'
import { printLine } from './output'
import { parseTargetFlags, type TargetFlags } from './target-flags'

interface CheckFlags extends TargetFlags {
  json?: boolean
  dataDir?: string
}

const MARKS: Record<CheckItem['status'], string> = {
  pass: '✓',
  warn: '!',
  fail: '✗',
  skip: '-'
}

/** The checklist as people read it: one line per item, its evidence indented below. */
export function formatCheckReport(report: CheckReport): string {
  const lines = [`Readiness check of ${report.url} (timeout ${report.timeoutMs / 1000} s)`, '']
  for (const item of report.items) {
    lines.push(`${MARKS[item.status]} ${item.status.padEnd(4)}  ${item.title}: ${item.summary}`)
    for (const e of item.evidence) lines.push(`          ${e}`)
  }
  const count = (s: CheckItem['status']): number =>
    report.items.filter((i) => i.status === s).length
  lines.push(
    '',
    `${report.verdict.toUpperCase()}: ${count('pass')} passed, ${count('warn')} warnings, ${count('fail')} failed, ${count('skip')} skipped; ${report.requestsSent} requests sent.`
  )
  return lines.join('\n')
}

/**
 * Runs the readiness check against an endpoint and prints the checklist: exit 0 when nothing
 * failed (warnings allowed), 1 when an item failed, 2 for bad usage.
 */
export async function runCheckCommand(flags: CheckFlags): Promise<void> {
  const { email, password, timeoutSeconds } = parseTargetFlags(flags)
  const request = CheckRequestSchema.parse({ url: flags.url, email, password, timeoutSeconds })
  const dataDir = flags.dataDir === undefined ? null : flags.dataDir.trim()
  if (dataDir === '') throw new UsageError('--data-dir must not be empty')
  const engine = await createHeadlessEngine({ dataDir, startReceiver: false })
  let report: CheckReport
  try {
    report = await engine.runCheck(request)
  } finally {
    await engine.close()
  }
  await printLine(flags.json ? JSON.stringify(report) : formatCheckReport(report))
  process.exitCode = report.verdict === 'fail' ? EXIT_FAILURE : EXIT_OK
}

/** `hook-inspector check`: will this endpoint survive TrialKit? */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      `Check that an endpoint is ready for TrialKit: each event answered 2xx in time, latency (p50/p95), credentials, idempotency, bad input, TLS. Sends at most ${MAX_CHECK_REQUESTS} requests, and stops early when the endpoint cannot be reached or hangs (exit 0: no failures; 1: a check failed; 2: bad usage).`
    )
    .requiredOption('--url <url>', 'the endpoint (absolute http:// or https://)')
    .option('--email <email>', 'hook email; sent as HTTP Basic auth with the password')
    .option('--password <password>', 'hook password (may contain ":")')
    .option(
      '--timeout <seconds>',
      `the hook timeout, ${HOOK_TIMEOUT_MIN_S}-${HOOK_TIMEOUT_MAX_S} s`,
      String(HOOK_TIMEOUT_DEFAULT_S)
    )
    .option('--json', 'print the checklist as one JSON object')
    .option(
      '--data-dir <dir>',
      'record the exchanges in this data directory (default: not recorded); not one a running app uses'
    )
    .action((flags: CheckFlags) => runCheckCommand(flags))
}
