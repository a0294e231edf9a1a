import type { Behavior, Scenario, ScenarioStep, Settings } from '@shared/schemas'

/**
 * Every password in the settings besides the hooks' own (those are keyed by hook id): the
 * receiver's expected credentials, each scenario's credentials, and each step's credentials and
 * expected credentials. They are kept in the secret store under these keys and blanked in the
 * settings that are written anywhere.
 */
export const BEHAVIOR_SECRET = 'behavior.expectedAuth'
const scenarioKey = (id: string): string => `scenario:${id}`
const stepKey = (id: string, index: number): string => `scenario:${id}:step:${index}`
const stepBehaviorKey = (id: string, index: number): string =>
  `scenario:${id}:step:${index}:behavior`

type Visit = (key: string, password: string) => string

function mapBehavior(behavior: Behavior, key: string, visit: Visit): Behavior {
  if (!behavior.expectedAuth) return behavior
  const password = visit(key, behavior.expectedAuth.password)
  return { ...behavior, expectedAuth: { ...behavior.expectedAuth, password } }
}

function mapStep(step: ScenarioStep, id: string, index: number, visit: Visit): ScenarioStep {
  let next = step
  if (step.credentials) {
    const password = visit(stepKey(id, index), step.credentials.password)
    next = { ...next, credentials: { ...step.credentials, password } }
  }
  if (step.behavior && 'expectedAuth' in step.behavior) {
    next = { ...next, behavior: mapBehavior(step.behavior, stepBehaviorKey(id, index), visit) }
  }
  return next
}

function mapScenario(scenario: Scenario, visit: Visit): Scenario {
  const credentials = scenario.credentials
    ? {
        ...scenario.credentials,
        password: visit(scenarioKey(scenario.id), scenario.credentials.password)
      }
    : undefined
  return {
    ...scenario,
    ...(credentials ? { credentials } : {}),
    steps: scenario.steps.map((step, i) => mapStep(step, scenario.id, i, visit))
  }
}

/** Calls `visit` with each password and its key; the settings with what `visit` returns. */
function mapSecrets(settings: Settings, visit: Visit): Settings {
  return {
    ...settings,
    behavior: mapBehavior(settings.behavior, BEHAVIOR_SECRET, visit),
    scenarios: settings.scenarios.map((s) => mapScenario(s, visit))
  }
}

/** The non-empty passwords of the settings (besides hooks'), by secret-store key. */
export function settingsSecrets(settings: Settings): Map<string, string> {
  const found = new Map<string, string>()
  mapSecrets(settings, (key, password) => {
    if (password !== '') found.set(key, password)
    return password
  })
  return found
}

/** The settings with every password blank, the hooks' included: what may be written to a file. */
export function withoutSecrets(settings: Settings): Settings {
  const blanked = mapSecrets(settings, () => '')
  return { ...blanked, hooks: settings.hooks.map((h) => ({ ...h, password: '' })) }
}

/** Scenarios with every password blank (a bundle exported without secrets). */
export function scenariosWithoutSecrets(scenarios: Scenario[]): Scenario[] {
  return scenarios.map((s) => mapScenario(s, () => ''))
}

/** Blank passwords filled from the store (a password still in the file is kept, to migrate). */
export function withSecrets(
  settings: Settings,
  get: (key: string) => string | undefined
): Settings {
  return mapSecrets(settings, (key, password) => (password !== '' ? password : (get(key) ?? '')))
}
