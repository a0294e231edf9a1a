import { describe, expect, it } from 'vitest'
import { behaviorPreset } from '@shared/presets'
import { WHEN_THINGS_GO_WRONG } from '@shared/scenarios/builtins'
import { runScenario, runStep, type ScenarioApi } from '@shared/scenarios/run-scenario'
import type { Behavior, Exchange, FireRequest, Settings } from '@shared/schemas'

type Kind = NonNullable<Exchange['error']>['kind'] | null

/** A fake API that answers each fire with the next outcome in `kinds`, recording every call. */
function fakeApi(kinds: Kind[], failFireAt = -1) {
  const calls: string[] = []
  const fires: FireRequest[] = []
  let behavior: Behavior = behaviorPreset('Flaky')
  const api: ScenarioApi = {
    getSettings: async () => ({ behavior }) as unknown as Settings,
    setBehavior: async (b: Behavior) => {
      calls.push(`behavior:${b.preset}`)
      behavior = b
      return b
    },
    fire: async (req: FireRequest) => {
      const n = fires.length
      fires.push(req)
      calls.push(`fire:${req.event}`)
      if (n === failFireAt) throw new Error('the engine is closed')
      const kind = kinds[n] ?? null
      return {
        id: `x${n}`,
        error: kind === null ? null : { kind, message: `failed with ${kind}` }
      } as unknown as Exchange
    }
  } as unknown as ScenarioApi
  return { api, calls, fires, current: () => behavior }
}

const target = { url: 'http://127.0.0.1:9/', builtIn: true }
const expectedKinds = WHEN_THINGS_GO_WRONG.steps.map((s) =>
  s.expect.outcome === 'success' ? null : s.expect.kind
) as Kind[]

describe('runScenario over a fake API', () => {
  it('passes when every outcome matches, tags the fires and restores the behaviour', async () => {
    const fake = fakeApi(expectedKinds)
    const result = await runScenario(fake.api, WHEN_THINGS_GO_WRONG, target, { pauses: false })
    expect(result.passed).toBe(true)
    expect(result.steps.map((s) => s.passed)).toEqual(WHEN_THINGS_GO_WRONG.steps.map(() => true))
    expect(fake.fires.every((f) => f.origin === 'scenario' && f.hook?.url === target.url)).toBe(
      true
    )
    expect(fake.current().preset).toBe('Flaky')
  })

  it('reports the step whose outcome differs, with expected and actual', async () => {
    const kinds = [...expectedKinds]
    kinds[1] = 'timeout'
    const fake = fakeApi(kinds)
    const result = await runScenario(fake.api, WHEN_THINGS_GO_WRONG, target, { pauses: false })
    expect(result.passed).toBe(false)
    const bad = result.steps.filter((s) => !s.passed)
    expect(bad.map((s) => s.index)).toEqual([1])
    expect(bad[0]!.message).toContain('got ProtocolError (timeout)')
  })

  it('turns a thrown fire into a failed step and still restores the behaviour', async () => {
    const fake = fakeApi(expectedKinds, 0)
    const result = await runScenario(fake.api, WHEN_THINGS_GO_WRONG, target, { pauses: false })
    expect(result.steps[0]).toMatchObject({ passed: false, message: 'the engine is closed' })
    expect(fake.current().preset).toBe('Flaky')
  })

  it('stops when aborted and skips behaviours on an external URL', async () => {
    const controller = new AbortController()
    const fake = fakeApi(expectedKinds)
    const result = await runScenario(fake.api, WHEN_THINGS_GO_WRONG, target, {
      pauses: false,
      signal: controller.signal,
      onStep: (s) => {
        if (s.index === 1) controller.abort()
      }
    })
    expect(result.steps).toHaveLength(2)
    expect(result.passed).toBe(false)

    const external = fakeApi(expectedKinds)
    const step = await runStep(external.api, WHEN_THINGS_GO_WRONG, 1, { ...target, builtIn: false })
    expect(external.calls.some((c) => c.startsWith('behavior:'))).toBe(false)
    expect(step.message).toContain('not the built-in receiver')
  })
})

describe('step credentials and a pinned status', () => {
  const scenario = {
    ...WHEN_THINGS_GO_WRONG,
    credentials: { email: 'demo@example.org', password: 'demo' },
    steps: [
      { ...WHEN_THINGS_GO_WRONG.steps[0]!, credentials: undefined },
      {
        ...WHEN_THINGS_GO_WRONG.steps[0]!,
        credentials: { email: 'own@example.org', password: 'x' }
      }
    ]
  }

  it("sends the target's credentials where a step has none, and a step's own where it has them", async () => {
    const fake = fakeApi([null, null])
    const hookTarget = {
      url: 'http://127.0.0.1:9/',
      builtIn: false,
      credentials: { email: 'hook@example.org', password: 'pw' }
    }
    await runScenario(fake.api, scenario, hookTarget, { pauses: false })
    expect(fake.fires.map((f) => f.hook?.email)).toEqual(['hook@example.org', 'own@example.org'])
    // Without the target's, the scenario's apply.
    const plain = fakeApi([null, null])
    await runScenario(plain.api, scenario, { url: 'http://127.0.0.1:9/', builtIn: false })
    expect(plain.fires.map((f) => f.hook?.email)).toEqual(['demo@example.org', 'own@example.org'])
  })

  it('passes an http-status step only when the pinned status is the one answered', async () => {
    const answering = (status: number): ScenarioApi =>
      ({
        getSettings: async () => ({ behavior: behaviorPreset('Healthy') }) as unknown as Settings,
        setBehavior: async (b: Behavior) => b,
        fire: async () =>
          ({
            id: 'x',
            response: { status },
            timings: { totalMs: 12 },
            error: { kind: 'http-status', message: `The hook answered HTTP ${status}.` }
          }) as unknown as Exchange
      }) as unknown as ScenarioApi
    const pinned = {
      ...WHEN_THINGS_GO_WRONG,
      steps: [
        {
          ...WHEN_THINGS_GO_WRONG.steps[0]!,
          expect: { outcome: 'protocol-error' as const, kind: 'http-status' as const, status: 401 }
        }
      ]
    }
    expect((await runStep(answering(401), pinned, 0, target)).passed).toBe(true)
    const wrong = await runStep(answering(500), pinned, 0, target)
    expect(wrong.passed).toBe(false)
    expect(wrong.message).toMatch(
      /^expected ProtocolError \(http-status 401\), got ProtocolError \(http-status 500\)/
    )
  })
})
