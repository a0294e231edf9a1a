import { useCallback, useRef, useState } from 'react'
import {
  runScenario,
  runStep,
  type ScenarioTarget,
  type StepResult
} from '../../../../shared/scenarios/run-scenario'
import type { Behavior, Scenario } from '../../../../shared/schemas'
import { errorText } from '../../store/error-text'
import { useBridge } from '../../store/store-context'

export interface RunnerState {
  /** Results by step index, for the scenario last run. */
  results: Map<number, StepResult>
  /** The step being fired, if any. */
  runningStep: number | null
  runningAll: boolean
  error: string | null
}

const IDLE: RunnerState = { results: new Map(), runningStep: null, runningAll: false, error: null }

/**
 * Plays a scenario through the bridge: all steps at once, or one step at a time for presenter
 * mode. Step-by-step keeps the user's receiver behaviour aside until `finish` puts it back.
 */
export function useScenarioRunner() {
  const bridge = useBridge()
  const [state, setState] = useState<RunnerState>(IDLE)
  const abort = useRef<AbortController | null>(null)
  const savedBehavior = useRef<Behavior | null>(null)

  const reset = useCallback(() => setState(IDLE), [])

  const runAll = useCallback(
    async (scenario: Scenario, target: ScenarioTarget) => {
      if (abort.current) return
      const controller = new AbortController()
      abort.current = controller
      setState({ ...IDLE, runningAll: true })
      try {
        await runScenario(bridge, scenario, target, {
          signal: controller.signal,
          onStep: (result) =>
            setState((s) => ({
              ...s,
              results: new Map(s.results).set(result.index, result),
              runningStep: result.index + 1 < scenario.steps.length ? result.index + 1 : null
            }))
        })
      } catch (e) {
        setState((s) => ({ ...s, error: errorText(e) }))
      } finally {
        abort.current = null
        setState((s) => ({ ...s, runningAll: false, runningStep: null }))
      }
    },
    [bridge]
  )

  const stop = useCallback(() => abort.current?.abort(), [])

  const playStep = useCallback(
    async (scenario: Scenario, index: number, target: ScenarioTarget) => {
      if (target.builtIn && savedBehavior.current === null) {
        savedBehavior.current = (await bridge.getSettings()).behavior
      }
      setState((s) => ({ ...s, runningStep: index, error: null }))
      const result = await runStep(bridge, scenario, index, target)
      setState((s) => ({
        ...s,
        runningStep: null,
        results: new Map(s.results).set(index, result)
      }))
      return result
    },
    [bridge]
  )

  /** Ends step-by-step play: the receiver answers as it did before. */
  const finish = useCallback(async () => {
    const saved = savedBehavior.current
    savedBehavior.current = null
    if (saved) {
      try {
        await bridge.setBehavior(saved)
      } catch (e) {
        setState((s) => ({
          ...s,
          error: `The receiver behaviour was not restored: ${errorText(e)}`
        }))
      }
    }
  }, [bridge])

  return { ...state, runAll, stop, playStep, finish, reset }
}
