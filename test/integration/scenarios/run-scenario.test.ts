import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { behaviorPreset } from '@shared/presets'
import { RECORD_LIFECYCLE, WHEN_THINGS_GO_WRONG } from '@shared/scenarios/builtins'
import { runScenario, runStep, type ScenarioTarget } from '@shared/scenarios/run-scenario'
import type { Scenario } from '@shared/schemas'

let engine: Engine
let target: ScenarioTarget

beforeAll(async () => {
  engine = await createHeadlessEngine({ dataDir: null, receiverOverrides: { port: 0 } })
  target = { url: engine.receiverStatus().url!, builtIn: true }
  await engine.setBehavior(behaviorPreset('Flaky'))
})
afterAll(async () => {
  await engine.close()
})

describe('scenarios against the built-in receiver', () => {
  it('plays the record lifecycle: every step passes and the bodies are what TrialKit sends', async () => {
    const result = await runScenario(engine, RECORD_LIFECYCLE, target)
    expect(result.steps.map((s) => [s.title, s.passed, s.message])).toEqual(
      RECORD_LIFECYCLE.steps.map((s) => [s.title, true, null])
    )
    expect(result.passed).toBe(true)
    const last = result.steps.at(-1)!.exchange!
    expect(JSON.parse(last.request.body)).toMatchObject({ OnReview: true, LockBroken: true })
    expect(last.origin).toBe('scenario')
    // The receiver behaviour the user had is back.
    expect((await engine.getSettings()).behavior.preset).toBe('Flaky')
  })

  it('plays "When things go wrong": each failure is the ProtocolError it expects', async () => {
    const result = await runScenario(engine, WHEN_THINGS_GO_WRONG, target)
    expect(result.steps.map((s) => s.actual)).toEqual(
      WHEN_THINGS_GO_WRONG.steps.map((s) => s.expect)
    )
    expect(result.passed).toBe(true)
    const wrong = result.steps[4]!.exchange!
    expect(wrong.response?.status).toBe(401)
  }, 30_000)

  it('reports a step whose outcome differs, and says what it got', async () => {
    const scenario: Scenario = {
      ...RECORD_LIFECYCLE,
      id: 'scn_x',
      steps: [{ ...RECORD_LIFECYCLE.steps[0]!, behavior: { preset: 'Server error' } }]
    }
    const step = await runStep(engine, scenario, 0, target)
    expect(step.passed).toBe(false)
    expect(step.actual).toEqual({ outcome: 'protocol-error', kind: 'http-status' })
    expect(step.message).toMatch(/^expected success, got ProtocolError \(http-status\)/)
  })

  it('against another URL leaves the receiver alone and says the behaviour was not applied', async () => {
    await engine.setBehavior(behaviorPreset('Healthy'))
    const outside = { url: target.url, builtIn: false }
    const scenario: Scenario = {
      ...RECORD_LIFECYCLE,
      id: 'scn_y',
      steps: [{ ...RECORD_LIFECYCLE.steps[0]!, behavior: { preset: 'Server error' } }]
    }
    const result = await runScenario(engine, scenario, outside)
    expect(result.passed).toBe(true)
    expect(result.steps[0]!.message).toMatch(/behaviour was not applied/)
    expect((await engine.getSettings()).behavior.preset).toBe('Healthy')
  })

  it('stops between steps when aborted', async () => {
    const controller = new AbortController()
    const result = await runScenario(engine, RECORD_LIFECYCLE, target, {
      signal: controller.signal,
      onStep: (s) => {
        if (s.index === 1) controller.abort()
      }
    })
    expect(result.steps).toHaveLength(2)
    expect(result.passed).toBe(false)
  })
})
