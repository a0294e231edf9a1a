import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useApp } from '../../store/store-context'

export type { ScenarioRunState as RunnerState } from '../../store/types'

/**
 * The scenario runner (store/scenarios-slice.ts) as the scenarios view uses it: all steps at once,
 * or one step at a time for presenter mode. The run is forgotten when the view goes away.
 */
export function useScenarioRunner() {
  const { run, runAll, stop, playStep, finish, reset, discard } = useApp(
    useShallow((s) => ({
      run: s.scenarioRun,
      runAll: s.runScenario,
      stop: s.stopScenario,
      playStep: s.playScenarioStep,
      finish: s.finishScenarioSteps,
      reset: s.resetScenarioRun,
      discard: s.discardScenarioRun
    }))
  )
  useEffect(() => discard, [discard])
  return { ...run, runAll, stop, playStep, finish, reset }
}
