import type { HookInspectorApi } from '../api'
import { behaviorPreset } from '../presets'
import type {
  Behavior,
  Exchange,
  Scenario,
  ScenarioBehavior,
  ScenarioExpect,
  ScenarioStep
} from '../schemas'
import { errorMessage } from '../error-message'

/** Where a scenario runs: the built-in receiver (behaviours applied) or any other URL. */
export interface ScenarioTarget {
  url: string
  builtIn: boolean
  /**
   * The hook's email and password (or `run --email/--password`): sent at every step that has no
   * credentials of its own, in place of the scenario's.
   */
  credentials?: { email: string; password: string } | undefined
}

/** What a step gave, against what it expected. */
export interface StepResult {
  index: number
  title: string
  expected: ScenarioExpect
  /** null when the step could not be fired at all (see message). */
  actual: ScenarioExpect | null
  passed: boolean
  exchange: Exchange | null
  /** Why it failed, or that the behaviour was not applied (external URL). */
  message: string | null
}

export interface ScenarioRunResult {
  scenarioId: string
  name: string
  target: ScenarioTarget
  passed: boolean
  steps: StepResult[]
}

/** The API calls a run needs: the engine and the UI's bridge both have them. */
export type ScenarioApi = Pick<HookInspectorApi, 'fire' | 'setBehavior' | 'getSettings'>

/** The behaviour a step puts on the built-in receiver: its own, else Healthy. */
export function stepBehavior(behavior: ScenarioBehavior | undefined, timeoutMs?: number): Behavior {
  if (behavior === undefined) return behaviorPreset('Healthy')
  if ('status' in behavior) return structuredClone(behavior)
  return behaviorPreset(behavior.preset, timeoutMs)
}

/** success, or the ProtocolError kind; an aborted dispatch is neither. */
export function outcomeOf(exchange: Exchange): ScenarioExpect | null {
  if (exchange.error === null) return { outcome: 'success' }
  if (exchange.error.kind === 'aborted') return null
  return { outcome: 'protocol-error', kind: exchange.error.kind }
}

/** "success" or "ProtocolError (timeout)": how outcomes read in lists and the CLI. */
export function describeOutcome(outcome: ScenarioExpect | null): string {
  if (outcome === null) return 'no outcome'
  if (outcome.outcome === 'success') return 'success'
  return outcome.status === undefined
    ? `ProtocolError (${outcome.kind})`
    : `ProtocolError (${outcome.kind} ${outcome.status})`
}

/** The HTTP status the endpoint answered with, if any. */
function answeredStatus(exchange: Exchange): number | null {
  return exchange.response?.status ?? null
}

/** "ProtocolError (http-status 500)": an outcome with the status it came with. */
export function describeActual(actual: ScenarioExpect | null, status: number | null): string {
  if (actual?.outcome === 'protocol-error' && actual.kind === 'http-status' && status !== null) {
    return describeOutcome({ ...actual, status })
  }
  return describeOutcome(actual)
}

function sameOutcome(a: ScenarioExpect, b: ScenarioExpect | null, status: number | null): boolean {
  if (b === null || a.outcome !== b.outcome) return false
  if (a.outcome === 'success') return true
  if (b.outcome !== 'protocol-error' || a.kind !== b.kind) return false
  return a.status === undefined || a.status === status
}

/**
 * The credentials a step sends: its own, else the target's (the hook it runs against), else the
 * scenario's, else none.
 */
export function stepCredentials(
  scenario: Scenario,
  step: ScenarioStep,
  target: ScenarioTarget
): { email: string; password: string } {
  const fromTarget = target.credentials?.email ? target.credentials : undefined
  return step.credentials ?? fromTarget ?? scenario.credentials ?? { email: '', password: '' }
}

/**
 * Plays one step: puts its behaviour on the built-in receiver (only there: an external endpoint
 * answers as it does), fires the event TrialKit-style with the step's or scenario's credentials
 * and timeout, and compares the outcome with what the step expects.
 */
export async function runStep(
  api: ScenarioApi,
  scenario: Scenario,
  index: number,
  target: ScenarioTarget
): Promise<StepResult> {
  const step: ScenarioStep | undefined = scenario.steps[index]
  if (!step) throw new RangeError(`The scenario has no step ${index + 1}.`)
  const base = { index, title: step.title, expected: step.expect }
  try {
    const timeoutSeconds = step.timeoutSeconds ?? scenario.timeoutSeconds
    if (target.builtIn) await api.setBehavior(stepBehavior(step.behavior, timeoutSeconds * 1000))
    const credentials = stepCredentials(scenario, step, target)
    const exchange = await api.fire({
      hook: {
        name: scenario.name,
        url: target.url,
        email: credentials.email,
        password: credentials.password,
        timeoutSeconds
      },
      event: step.event,
      ...(step.rawBody === undefined ? { fields: step.fields ?? {} } : { rawBody: step.rawBody }),
      origin: 'scenario'
    })
    const actual = outcomeOf(exchange)
    const status = answeredStatus(exchange)
    const passed = sameOutcome(step.expect, actual, status)
    const notes: string[] = []
    if (!passed) {
      const got = step.expect.outcome === 'protocol-error' && step.expect.status !== undefined
      notes.push(
        `expected ${describeOutcome(step.expect)}, got ${got ? describeActual(actual, status) : describeOutcome(actual)}${exchange.error ? `: ${exchange.error.message}` : ''}`
      )
    }
    if (!target.builtIn && step.behavior !== undefined) {
      notes.push('the behaviour was not applied: the target is not the built-in receiver')
    }
    return { ...base, actual, passed, exchange, message: notes.length ? notes.join('; ') : null }
  } catch (error) {
    return { ...base, actual: null, passed: false, exchange: null, message: errorMessage(error) }
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done(): void {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}

/**
 * Runs a function with the built-in receiver's behaviour put back afterwards, whatever happens:
 * a demo must not leave the receiver failing on purpose.
 */
export async function withBehaviorRestored<T>(
  api: ScenarioApi,
  target: ScenarioTarget,
  run: () => Promise<T>
): Promise<T> {
  if (!target.builtIn) return run()
  const saved = (await api.getSettings()).behavior
  try {
    return await run()
  } finally {
    await api.setBehavior(saved).catch(() => undefined)
  }
}

/**
 * Runs every step in order, waiting each step's pause first (unless `pauses` is false), and
 * reports a result per step. Stops between steps when `signal` aborts; the receiver's behaviour
 * is restored at the end.
 */
export async function runScenario(
  api: ScenarioApi,
  scenario: Scenario,
  target: ScenarioTarget,
  options: {
    signal?: AbortSignal
    pauses?: boolean
    onStep?: (result: StepResult) => void
  } = {}
): Promise<ScenarioRunResult> {
  const steps: StepResult[] = []
  await withBehaviorRestored(api, target, async () => {
    for (let i = 0; i < scenario.steps.length; i++) {
      if (options.signal?.aborted) break
      if (options.pauses !== false) await sleep(scenario.steps[i]!.pauseMs, options.signal)
      if (options.signal?.aborted) break
      const result = await runStep(api, scenario, i, target)
      steps.push(result)
      options.onStep?.(result)
    }
  })
  return {
    scenarioId: scenario.id,
    name: scenario.name,
    target,
    passed: steps.length === scenario.steps.length && steps.every((s) => s.passed),
    steps
  }
}
