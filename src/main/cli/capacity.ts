import type { Command } from 'commander'
import {
  DEFAULT_CAPACITY_LEVELS,
  MAX_CAPACITY_CONCURRENCY,
  MAX_CAPACITY_LEVELS,
  MAX_CAPACITY_PAUSE_MS,
  MAX_CAPACITY_REQUESTS,
  plannedRequests,
  REQUESTS_PER_SLOT,
  type CapacityProgress,
  type CapacityRequest
} from '@shared/capacity'
import {
  HOOK_TIMEOUT_DEFAULT_S,
  HOOK_TIMEOUT_MAX_S,
  HOOK_TIMEOUT_MIN_S,
  type CapacityRun
} from '@shared/schemas'
import { HOOK_EVENTS } from '@shared/trialkit'
import { ownedBy } from './data-dir-owner'
import { createHeadlessEngine } from '../engine'
import { firstFailure } from '../engine'
import { isLoopbackUrl } from '@shared/loopback'
import { EXIT_FAILURE, EXIT_OK, UsageError } from './errors'
import { capacitySuite } from './junit/junit-reports'
import { junitXml } from './junit/junit-xml'
import { junitPath, writeJunitFile } from './junit/write-junit'
import { parseChoice, parseWholeNumber } from './options'
import { printError, printLine } from './output'
import { parseTargetFlags, type TargetFlags } from './target-flags'
import { PASSWORD_FLAGS, secretEnvHelp, secretFileHelp, secretValueHelp } from './secret-flags'

interface CapacityFlags extends TargetFlags {
  event?: string
  concurrency?: string
  requests?: string
  minCapacity?: string
  pauseMs?: string
  junit?: string
  yes?: boolean
  json?: boolean
  dataDir?: string
}

/** `--concurrency 1,4,16,64`: whole numbers from 1 to 200, each once, run in increasing order. */
export function parseLevels(raw: string): number[] {
  const parts = raw.split(',').map((p) => p.trim())
  const levels = parts.map((p) => parseWholeNumber('--concurrency', p, 1, MAX_CAPACITY_CONCURRENCY))
  const unique = [...new Set(levels)].sort((a, b) => a - b)
  if (unique.length > MAX_CAPACITY_LEVELS) {
    throw new UsageError(
      `--concurrency takes at most ${MAX_CAPACITY_LEVELS} levels (got ${unique.length})`
    )
  }
  return unique
}

function ms(value: number | null): string {
  return value === null ? '-' : String(Math.round(value))
}

/** The report as people read it: one table row per level, then the sentence. */
export function formatCapacityReport(
  run: Pick<CapacityRun, 'url' | 'timeoutMs' | 'event' | 'steps' | 'capacity' | 'summary'>
): string {
  const header = ['concurrency', 'sent', 'ok', 'errors', 'p50 ms', 'p95 ms', 'max ms', 'by kind']
  const rows = run.steps.map((s) => [
    String(s.concurrency),
    String(s.sent),
    String(s.ok),
    String(s.protocolErrors),
    ms(s.p50Ms),
    ms(s.p95Ms),
    ms(s.maxMs),
    Object.entries(s.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd()
  return [
    `Capacity check of ${run.url}: ${run.event} events, timeout ${run.timeoutMs / 1000} s`,
    '',
    line(header),
    ...rows.map(line),
    '',
    `Capacity: ${run.capacity}. ${run.summary}`
  ].join('\n')
}

/** One stderr line per level while it runs: where it is, so a long run is not silent. */
function progressLine(p: CapacityProgress): string | null {
  if (p.current) {
    const { step, planned } = p.current
    return `at ${step.concurrency}: ${step.sent} of ${planned} answered, ${step.protocolErrors} failed`
  }
  const last = p.steps[p.steps.length - 1]
  if (!last || p.done) return null
  return `at ${last.concurrency}: done, ${last.ok} of ${last.sent} ok, p95 ${ms(last.p95Ms)} ms`
}

/**
 * How many site users saving at once a hook holds. Exit 0 when it ran (and the capacity reaches
 * --min-capacity when given), 1 when it does not, 2 for bad usage.
 */
export async function runCapacityCommand(flags: CapacityFlags): Promise<void> {
  const { url, email, password, timeoutSeconds } = await parseTargetFlags(flags)
  const event = parseChoice('--event', flags.event ?? 'insert', HOOK_EVENTS)
  const levels = parseLevels(flags.concurrency ?? DEFAULT_CAPACITY_LEVELS.join(','))
  const requests =
    flags.requests === undefined
      ? undefined
      : parseWholeNumber('--requests', flags.requests, 1, MAX_CAPACITY_REQUESTS)
  const minCapacity =
    flags.minCapacity === undefined
      ? undefined
      : parseWholeNumber('--min-capacity', flags.minCapacity, 0, MAX_CAPACITY_CONCURRENCY)
  const pauseMs = parseWholeNumber('--pause-ms', flags.pauseMs ?? '0', 0, MAX_CAPACITY_PAUSE_MS)
  const total = plannedRequests(levels, requests)
  if (total > MAX_CAPACITY_REQUESTS) {
    throw new UsageError(
      `--requests: this run would send ${total} requests; at most ${MAX_CAPACITY_REQUESTS} per run (use fewer levels or a smaller --requests)`
    )
  }
  if (!isLoopbackUrl(url) && flags.yes !== true) {
    throw new UsageError(
      `--yes: ${url.host} is not on this machine, and this sends it ${total} requests, up to ${Math.max(...levels)} at once; add --yes to confirm`
    )
  }
  const dataDir = flags.dataDir === undefined ? null : flags.dataDir.trim()
  if (dataDir === '') throw new UsageError('--data-dir must not be empty')
  const junit = junitPath(flags.junit)

  const request: CapacityRequest = {
    url: flags.url,
    email,
    password,
    event,
    levels,
    requests,
    timeoutSeconds,
    pauseMs,
    confirmed: true
  }
  const engine = await createHeadlessEngine({
    dataDir,
    startReceiver: false,
    ...ownedBy('capacity')
  })
  let lastLine = ''
  const off = engine.on('capacity-progress', (p) => {
    const line = flags.json ? null : progressLine(p)
    if (line !== null && line !== lastLine) {
      lastLine = line
      void printError(line)
    }
  })
  // Ctrl+C stops the run at once; the report of what finished is printed as usual.
  const stop = (): void => {
    void engine.stopCapacity()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  let run: CapacityRun
  try {
    run = await engine.runCapacity(request)
  } finally {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    off()
    await engine.close()
  }
  const { steps, capacity, summary, timeoutMs } = run
  if (junit !== null) await writeJunitFile(junit, junitXml(capacitySuite(run, minCapacity)))
  await printLine(
    flags.json
      ? JSON.stringify({ url: run.url, event: run.event, timeoutMs, steps, capacity, summary })
      : formatCapacityReport(run)
  )
  const short = minCapacity !== undefined && capacity < minCapacity
  if (short) {
    const why = firstFailure(steps, capacity, timeoutMs)
    await printError(
      `--min-capacity ${minCapacity} not reached: the capacity found is ${capacity}.${why === null ? ' No level tried reached it.' : ` ${why}`}`
    )
  }
  process.exitCode = short ? EXIT_FAILURE : EXIT_OK
}

/** `hook-inspector capacity`: how many site users saving at once can this hook hold? */
export function registerCapacity(program: Command): void {
  program
    .command('capacity')
    .description(
      `How many site users saving at once can a hook hold? For each concurrency level, sends events as TrialKit does with exactly that many in flight, and reports ok / ProtocolErrors by kind / p50, p95, max latency; the capacity is the highest level with no failure and p95 at most half the timeout. At most ${MAX_CAPACITY_CONCURRENCY} in flight and ${MAX_CAPACITY_REQUESTS} requests per run; Ctrl+C stops at once and reports what it has (exit 0: ran; 1: capacity below --min-capacity; 2: bad usage).`
    )
    .requiredOption('--url <url>', 'the endpoint (absolute http:// or https://)')
    .option('--email <email>', 'hook email; sent as HTTP Basic auth with the password')
    .option('--password-env <name>', secretEnvHelp(PASSWORD_FLAGS))
    .option('--password-file <file>', secretFileHelp(PASSWORD_FLAGS))
    .option('--password <password>', secretValueHelp('hook password (may contain ":")'))
    .option('--event <event>', `the event to send: ${HOOK_EVENTS.join(', ')}`, 'insert')
    .option(
      '--concurrency <levels>',
      `comma-separated levels, 1-${MAX_CAPACITY_CONCURRENCY}`,
      DEFAULT_CAPACITY_LEVELS.join(',')
    )
    .option(
      '--requests <n>',
      `requests per level, at least the level (default ${REQUESTS_PER_SLOT} × the level)`
    )
    .option(
      '--timeout <seconds>',
      `the hook timeout, ${HOOK_TIMEOUT_MIN_S}-${HOOK_TIMEOUT_MAX_S} s`,
      String(HOOK_TIMEOUT_DEFAULT_S)
    )
    .option(
      '--min-capacity <n>',
      'exit 1 when the capacity is below this (and say why: the capacity found, the level that failed)'
    )
    .option(
      '--pause-ms <ms>',
      `each virtual user waits this long between its saves, as site users do, 0-${MAX_CAPACITY_PAUSE_MS}`,
      '0'
    )
    .option('--yes', 'confirm sending this traffic to a URL that is not on this machine')
    .option('--json', 'print the report as one JSON object')
    .option(
      '--junit <file>',
      'also write the report as JUnit XML for CI (one testcase per level; written owner-only)'
    )
    .option(
      '--data-dir <dir>',
      'record the run (one history entry) in this data directory; not one a running app uses'
    )
    .action((flags: CapacityFlags) => runCapacityCommand(flags))
}
