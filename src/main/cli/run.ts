import { readFile, stat } from 'node:fs/promises'
import type { Command } from 'commander'
import { BUILTIN_SCENARIOS } from '@shared/scenarios/builtins'
import {
  describeActual,
  runScenario,
  type ScenarioRunResult,
  type ScenarioTarget,
  type StepResult
} from '@shared/scenarios/run-scenario'
import {
  MAX_SCENARIO_FILE_BYTES,
  parseScenarioFile,
  scenarioFileName
} from '@shared/scenarios/scenario-file'
import {
  describeStepForwarding,
  scenarioForwardingTargets
} from '@shared/scenarios/forwarding-targets'
import { ScenarioSchema, type Scenario } from '@shared/schemas'
import { checkHookUrl } from '@shared/wire-request'
import { createHeadlessEngine } from '../engine'
import { EXIT_FAILURE, EXIT_OK, UsageError } from './errors'
import { runSuite } from './junit/junit-reports'
import { junitXml } from './junit/junit-xml'
import { junitPath, writeJunitFile } from './junit/write-junit'
import { printLine } from './output'
import { errorMessage } from '@shared/error-message'
import { parseCredentialFlags, type TargetFlags } from './target-flags'
import { PASSWORD_FLAGS, secretEnvHelp, secretFileHelp, secretValueHelp } from './secret-flags'

interface RunFlags extends Pick<
  TargetFlags,
  'email' | 'password' | 'passwordEnv' | 'passwordFile'
> {
  url?: string
  json?: boolean
  allowForwarding?: boolean
  junit?: string
}

/** How long a step's exchange took, for the text output ("45 ms", "1.20 s"). */
function stepTime(s: StepResult): string {
  if (!s.exchange) return ''
  const ms = s.exchange.timings.totalMs
  return ms < 1000 ? ` (${Math.round(ms)} ms)` : ` (${(ms / 1000).toFixed(2)} s)`
}

function builtinByName(name: string): Scenario | undefined {
  const wanted = name.toLowerCase()
  return BUILTIN_SCENARIOS.find(
    (s) =>
      s.id === wanted ||
      s.id === `builtin-${wanted}` ||
      scenarioFileName(s) === `${wanted}.scenario.json`
  )
}

/** The scenario to run: a file, or a built-in one by name (e.g. "record-lifecycle"). */
async function loadScenario(path: string): Promise<Scenario> {
  let size: number
  try {
    size = (await stat(path)).size
  } catch (e) {
    const builtin = builtinByName(path)
    if (builtin) return builtin
    const known = BUILTIN_SCENARIOS.map((s) => s.id.replace(/^builtin-/, '')).join(', ')
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(e)
    throw new UsageError(`${path}: ${reason} (built-in scenarios: ${known})`)
  }
  if (size > MAX_SCENARIO_FILE_BYTES) {
    throw new UsageError(`${path}: the file is too big for a scenario (${size} bytes)`)
  }
  const text = await readFile(path, 'utf8').catch((e: unknown) => {
    throw new UsageError(`${path} cannot be read: ${errorMessage(e)}`)
  })
  try {
    const draft = parseScenarioFile(text)
    return ScenarioSchema.parse({ ...draft, id: 'cli' })
  } catch (e) {
    throw new UsageError(`${path}: ${errorMessage(e)}`)
  }
}

/** One line per step: ✓ or ✗, the title, and expected against actual when they differ. */
export function formatRunResult(result: ScenarioRunResult): string {
  const lines = [`Scenario “${result.name}” against ${result.target.url}`, '']
  result.steps.forEach((s) => {
    const mark = s.passed ? '✓' : '✗'
    const status = s.exchange?.response?.status ?? null
    lines.push(
      `${mark} ${s.index + 1}. ${s.title}: ${describeActual(s.actual, status)}${stepTime(s)}`
    )
    if (s.message) lines.push(`     ${s.message}`)
  })
  const passed = result.steps.filter((s) => s.passed).length
  lines.push(
    '',
    `${result.passed ? 'PASS' : 'FAIL'}: ${passed} of ${result.steps.length} steps as expected.`
  )
  return lines.join('\n')
}

/**
 * Plays a scenario against a URL, or against a built-in receiver of its own on a free loopback
 * port (nothing of the user's data is touched): exit 0 when every step gives what it expects,
 * 1 when one does not, 2 for bad usage or an invalid file.
 */
export async function runScenarioCommand(path: string, flags: RunFlags): Promise<void> {
  if (flags.url !== undefined) {
    const url = checkHookUrl(flags.url)
    if (!url.ok) throw new UsageError(`--url: ${url.message}`)
  }
  const credentials = await parseCredentialFlags(flags)
  const junit = junitPath(flags.junit)
  const scenario = await loadScenario(path)
  // Threat: a scenario file from someone else could make the built-in receiver send each request,
  // with the credentials given here, to a URL of theirs. Applied only when the user says so.
  const forwarding = flags.url === undefined ? scenarioForwardingTargets(scenario) : []
  if (forwarding.length > 0 && flags.allowForwarding !== true) {
    throw new UsageError(
      `${path}: ${forwarding.map(describeStepForwarding).join('; ')}; the receiver would send every request it gets, credentials included, to that address. Pass --allow-forwarding to run it anyway.`
    )
  }
  const startedAt = new Date().toISOString()
  const engine = await createHeadlessEngine({
    dataDir: null,
    startReceiver: flags.url === undefined,
    receiverOverrides: { host: '127.0.0.1', port: 0 }
  })
  let result: ScenarioRunResult
  try {
    const own = credentials.email === '' ? undefined : credentials
    const target: ScenarioTarget =
      flags.url === undefined
        ? { url: engine.receiverStatus().url!, builtIn: true, credentials: own }
        : { url: flags.url.trim(), builtIn: false, credentials: own }
    result = await runScenario(engine, scenario, target, {
      pauses: false,
      onStep: flags.json
        ? undefined
        : (s) => void printLine(`${s.passed ? '✓' : '✗'} ${s.index + 1}. ${s.title}${stepTime(s)}`)
    })
  } finally {
    await engine.close()
  }
  if (flags.json) {
    const steps = result.steps.map((s) => ({
      index: s.index,
      title: s.title,
      expected: s.expected,
      actual: s.actual,
      passed: s.passed,
      message: s.message,
      status: s.exchange?.response?.status ?? null,
      totalMs: s.exchange ? Math.round(s.exchange.timings.totalMs) : null
    }))
    await printLine(JSON.stringify({ ...result, steps }))
  } else {
    await printLine(`\n${formatRunResult(result)}`)
  }
  if (junit !== null) await writeJunitFile(junit, junitXml(runSuite(result, startedAt)))
  process.exitCode = result.passed ? EXIT_OK : EXIT_FAILURE
}

/** `hook-inspector run`: a scenario as a test, for an integrator's CI. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description(
      "Play a scenario file step by step and check each outcome (exit 0: every step as expected; 1: a step differed; 2: bad usage or an invalid file). Without --url it runs against a built-in receiver of its own on a free loopback port, applying each step's behaviour and keeping everything in memory (your saved data is not touched); with --url, behaviours are skipped. Built-in scenarios run by name: record-lifecycle, when-things-go-wrong."
    )
    .argument('<scenario>', 'a scenario file (.json), or the name of a built-in scenario')
    .option('--url <url>', 'run against this endpoint instead of the built-in receiver')
    .option(
      '--email <email>',
      'hook email, sent as HTTP Basic auth at every step that has no credentials of its own'
    )
    .option('--password-env <name>', secretEnvHelp(PASSWORD_FLAGS))
    .option('--password-file <file>', secretFileHelp(PASSWORD_FLAGS))
    .option('--password <password>', secretValueHelp('hook password (may contain ":")'))
    .option('--json', 'print the result as one JSON object')
    .option(
      '--allow-forwarding',
      'apply the forwarding of steps whose behaviour forwards to another URL (refused without it: the receiver would send each request, credentials included, there)'
    )
    .option(
      '--junit <file>',
      'also write the result as JUnit XML for CI (one testcase per step; written owner-only)'
    )
    .action((path: string, flags: RunFlags) => runScenarioCommand(path, flags))
}
