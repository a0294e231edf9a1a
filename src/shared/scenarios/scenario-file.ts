import type { z } from 'zod'
import { ScenarioDraftSchema, type Scenario, type ScenarioDraft } from '../schemas'
import { findReservedKey } from '../json-safety'
import { ValidationError } from '../validation'
import { errorMessage } from '../error-message'

export const SCENARIO_FILE_FORMAT = 'hook-inspector-scenario'
export const SCENARIO_FILE_VERSION = 1
/** Bigger than any sensible scenario; a file above it is refused before parsing. */
export const MAX_SCENARIO_FILE_BYTES = 6 * 1024 * 1024

/** The file a scenario is exported to and imported from. */
export interface ScenarioFile {
  format: typeof SCENARIO_FILE_FORMAT
  version: typeof SCENARIO_FILE_VERSION
  scenario: Omit<Scenario, 'id'>
}

type Path = readonly PropertyKey[]

/** "steps[3].expect.kind" as a person reads it: step 4 (“Title”), expect.kind. */
function describePath(path: Path, input: Record<string, unknown>): string {
  const rest = (from: number): string =>
    path
      .slice(from)
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join('')
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const steps = Array.isArray(input.steps) ? (input.steps as unknown[]) : []
    const step = steps[path[1]] as { title?: unknown } | undefined
    const title = typeof step?.title === 'string' && step.title !== '' ? ` (“${step.title}”)` : ''
    const field = rest(2)
    return `step ${path[1] + 1}${title}${field ? `, ${field}` : ''}`
  }
  return rest(0)
}

/**
 * Reads a scenario file (or a bare scenario object). Errors name the step and the field, so
 * someone editing the file by hand knows where to look. The id is dropped: it is the app's own.
 */
export function parseScenarioFile(text: string): ScenarioDraft {
  if (text.length > MAX_SCENARIO_FILE_BYTES) {
    throw new ValidationError(
      `The scenario file is too big (over ${MAX_SCENARIO_FILE_BYTES / 1024 / 1024} MiB).`,
      null
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new ValidationError(`The scenario file is not valid JSON: ${errorMessage(e)}`, null)
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ValidationError('A scenario file must hold a JSON object.', null)
  }
  if (findReservedKey(json) !== null) {
    throw new ValidationError(
      'The scenario file uses a reserved key (__proto__, constructor or prototype).',
      null
    )
  }
  let body = json as Record<string, unknown>
  if ('format' in body || 'scenario' in body) {
    if (body.format !== SCENARIO_FILE_FORMAT) {
      throw new ValidationError(
        `format: expected "${SCENARIO_FILE_FORMAT}", got ${JSON.stringify(body.format)}.`,
        'format'
      )
    }
    if (body.version !== SCENARIO_FILE_VERSION) {
      throw new ValidationError(
        `version: this app reads version ${SCENARIO_FILE_VERSION} scenario files, not ${JSON.stringify(body.version)}.`,
        'version'
      )
    }
    if (body.scenario === null || typeof body.scenario !== 'object') {
      throw new ValidationError('scenario: expected an object.', 'scenario')
    }
    body = body.scenario as Record<string, unknown>
  }
  const { id: _id, ...withoutId } = body
  void _id
  const result = ScenarioDraftSchema.safeParse(withoutId)
  if (!result.success) throw scenarioError(result.error, withoutId)
  return result.data
}

/** A zod error on a scenario, as a ValidationError naming step and field. */
export function scenarioError(error: z.ZodError, input: Record<string, unknown>): ValidationError {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const where = describePath(issue.path, input)
    return where ? `${where}: ${issue.message}` : issue.message
  })
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : ''
  const first = error.issues[0]
  return new ValidationError(
    `${parts.join('; ')}${more}`,
    first ? describePath(first.path, input) || null : null
  )
}

/** The export of a scenario: pretty JSON in the versioned file format, without the app's id. */
export function serializeScenario(scenario: Scenario): string {
  const { id: _id, ...rest } = scenario
  void _id
  const file: ScenarioFile = {
    format: SCENARIO_FILE_FORMAT,
    version: SCENARIO_FILE_VERSION,
    scenario: rest
  }
  return `${JSON.stringify(file, null, 2)}\n`
}

/** A file name for the export: the scenario's name, made safe. */
export function scenarioFileName(scenario: Pick<Scenario, 'name'>): string {
  const base = scenario.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return `${base || 'scenario'}.scenario.json`
}
