import type { HookInspectorBridge } from '@shared/api'
import { runScenario, runStep } from '@shared/scenarios/run-scenario'
import type { Behavior } from '@shared/schemas'
import type { ScenarioRunState, ScenariosSlice } from './scenarios-types'
import type { Slice } from './types'
import { errorMessage } from '@shared/error-message'

const IDLE_RUN: ScenarioRunState = {
  results: new Map(),
  runningStep: null,
  runningAll: false,
  error: null
}

/**
 * Saved scenarios and the scenario runner: all steps at once, or one step at a time for presenter
 * mode. Step-by-step keeps the user's receiver behaviour aside until `finishScenarioSteps` puts it
 * back. What the run needs but nobody renders (the abort switch, the behaviour set aside) stays
 * in this store's closure.
 */
export function createScenariosSlice(bridge: HookInspectorBridge): Slice<ScenariosSlice> {
  let abort: AbortController | null = null
  let savedBehavior: Behavior | null = null
  /** Bumped when the view that shows the run goes away: what a run started before says is dropped. */
  let generation = 0

  return (set, get) => {
    const update = (patch: Partial<ScenariosSlice['scenarioRun']>, gen: number): void => {
      if (gen === generation) set({ scenarioRun: { ...get().scenarioRun, ...patch } })
    }

    return {
      scenarios: [],
      scenarioRun: IDLE_RUN,

      saveScenario(draft) {
        return bridge.saveScenario(draft)
      },

      deleteScenario(id) {
        return bridge.deleteScenario(id)
      },

      resetScenarioRun() {
        set({ scenarioRun: IDLE_RUN })
      },

      discardScenarioRun() {
        generation++
        abort = null
        savedBehavior = null
        set({ scenarioRun: IDLE_RUN })
      },

      async runScenario(scenario, target) {
        if (abort) return
        const controller = new AbortController()
        abort = controller
        const gen = generation
        set({ scenarioRun: { ...IDLE_RUN, runningAll: true } })
        try {
          await runScenario(bridge, scenario, target, {
            signal: controller.signal,
            onStep: (result) =>
              update(
                {
                  results: new Map(get().scenarioRun.results).set(result.index, result),
                  runningStep: result.index + 1 < scenario.steps.length ? result.index + 1 : null
                },
                gen
              )
          })
        } catch (e) {
          update({ error: errorMessage(e) }, gen)
        } finally {
          if (abort === controller) abort = null
          update({ runningAll: false, runningStep: null }, gen)
        }
      },

      stopScenario() {
        abort?.abort()
      },

      async playScenarioStep(scenario, index, target) {
        const gen = generation
        if (target.builtIn && savedBehavior === null) {
          savedBehavior = (await bridge.getSettings()).behavior
        }
        update({ runningStep: index, error: null }, gen)
        const result = await runStep(bridge, scenario, index, target)
        update(
          { runningStep: null, results: new Map(get().scenarioRun.results).set(index, result) },
          gen
        )
        return result
      },

      async finishScenarioSteps() {
        const saved = savedBehavior
        savedBehavior = null
        if (!saved) return
        try {
          await bridge.setBehavior(saved)
        } catch (e) {
          update(
            { error: `The receiver behaviour was not restored: ${errorMessage(e)}` },
            generation
          )
        }
      }
    }
  }
}
