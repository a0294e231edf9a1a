import { describe, expect, it } from 'vitest'
import { ScenarioExpectSchema, ScenarioSchema } from '@shared/schemas'
import { BUILTIN_SCENARIOS } from '@shared/scenarios/builtins'
import {
  parseScenarioFile,
  scenarioFileName,
  serializeScenario
} from '@shared/scenarios/scenario-file'
import { ValidationError } from '@shared/validation'

const minimal = {
  name: 'Smoke',
  steps: [
    { title: 'Insert', event: 'insert', expect: { outcome: 'success' } },
    { title: 'Broken', event: 'update', expect: { outcome: 'protocol-error', kind: 'timeout' } }
  ]
}

function errorOf(text: string): ValidationError {
  try {
    parseScenarioFile(text)
  } catch (e) {
    if (e instanceof ValidationError) return e
    throw e
  }
  throw new Error('expected the file to be refused')
}

describe('scenario files', () => {
  it('the built-in scenarios are valid and survive export and import unchanged', () => {
    for (const s of BUILTIN_SCENARIOS) {
      expect(ScenarioSchema.parse(s)).toEqual(s)
      const back = parseScenarioFile(serializeScenario(s))
      expect({ ...back, id: s.id }).toEqual(s)
    }
  })

  it('reads a bare scenario and fills the defaults', () => {
    const s = parseScenarioFile(JSON.stringify(minimal))
    expect(s.timeoutSeconds).toBe(30)
    expect(s.steps[0]).toMatchObject({ narration: '', pauseMs: 0 })
    expect('id' in s).toBe(false)
  })

  it('names the step (number and title) and the field that is wrong', () => {
    const bad = structuredClone(minimal) as { steps: Record<string, unknown>[] }
    bad.steps[1]!.expect = { outcome: 'protocol-error', kind: 'meltdown' }
    expect(errorOf(JSON.stringify(bad)).message).toMatch(/^step 2 \(“Broken”\), expect\.kind: /)
    bad.steps[1]!.expect = { outcome: 'success' }
    bad.steps[0]!.event = 'delete'
    expect(errorOf(JSON.stringify(bad)).message).toMatch(/^step 1 \(“Insert”\), event: /)
    bad.steps[0]!.event = 'insert'
    bad.steps[0]!.pauseMs = -5
    expect(errorOf(JSON.stringify(bad)).field).toBe('step 1 (“Insert”), pauseMs')
    expect(errorOf(JSON.stringify({ ...minimal, steps: [] })).message).toMatch(
      /^steps: must have at least one step/
    )
  })

  it('refuses wrong formats, versions, non-JSON and reserved keys, saying which', () => {
    expect(errorOf('{nope').message).toMatch(/not valid JSON/)
    expect(errorOf('[]').message).toMatch(/JSON object/)
    expect(
      errorOf(JSON.stringify({ format: 'hook-inspector-scenario', version: 2, scenario: minimal }))
        .message
    ).toMatch(/^version: this app reads version 1/)
    expect(
      errorOf(JSON.stringify({ format: 'har', version: 1, scenario: minimal })).message
    ).toMatch(/^format: expected "hook-inspector-scenario"/)
    expect(errorOf('{"name":"x","__proto__":{"polluted":true},"steps":[]}').message).toMatch(
      /reserved key/
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('makes a safe file name', () => {
    expect(scenarioFileName({ name: 'When things go wrong!' })).toBe(
      'when-things-go-wrong.scenario.json'
    )
    expect(scenarioFileName({ name: '///' })).toBe('scenario.scenario.json')
  })
})

describe('a pinned HTTP status in expect', () => {
  it('is accepted with the kind http-status and refused with any other kind', () => {
    expect(
      ScenarioExpectSchema.safeParse({
        outcome: 'protocol-error',
        kind: 'http-status',
        status: 401
      }).success
    ).toBe(true)
    const bad = ScenarioExpectSchema.safeParse({
      outcome: 'protocol-error',
      kind: 'timeout',
      status: 401
    })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.message).toMatch(/only be expected with the kind "http-status"/)
  })
})
