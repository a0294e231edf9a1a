import { useCallback, useEffect, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import {
  scenarioForwardingTargets,
  type StepForwarding
} from '@shared/scenarios/forwarding-targets'
import type { ScenarioTarget, StepResult } from '@shared/scenarios/run-scenario'
import type { Scenario } from '@shared/schemas'
import { useApp } from '@renderer/store/store-context'

export type { ScenarioRunState as RunnerState } from '@renderer/store/scenarios-types'

/** A question put to the user before steps forward to targets not confirmed yet. */
export interface ForwardingQuestion {
  scenarioName: string
  targets: StepForwarding[]
  answer: (allow: boolean) => void
}

/**
 * The steps of `indexes` that would forward, on the built-in receiver, to a target the user has
 * not confirmed in this view.
 *
 * Threat: a scenario may come from someone else's file; a step's `forwardTo` makes the user's
 * receiver send each request it gets (the hook's credentials included) to that URL.
 */
function unconfirmed(
  scenario: Scenario,
  target: ScenarioTarget,
  indexes: readonly number[],
  confirmed: ReadonlySet<string>
): StepForwarding[] {
  if (!target.builtIn) return []
  return scenarioForwardingTargets(scenario).filter(
    (f) => indexes.includes(f.index) && !confirmed.has(f.url)
  )
}

/** The result of a step the user chose not to play. */
function notPlayed(scenario: Scenario, index: number, targets: StepForwarding[]): StepResult {
  const step = scenario.steps[index]!
  return {
    index,
    title: step.title,
    expected: step.expect,
    actual: null,
    passed: false,
    exchange: null,
    message: `Not played: forwarding to ${targets.map((t) => t.url).join(', ')} was not allowed.`
  }
}

/**
 * The scenario runner (store/scenarios-slice.ts) as the scenarios view uses it: all steps at once,
 * or one step at a time for presenter mode. Before a step forwards to a target not confirmed in
 * this view, it asks (`question`); declined, nothing of the run is played. The run is forgotten
 * when the view goes away.
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
  const confirmed = useRef(new Set<string>())
  const [question, setQuestion] = useState<ForwardingQuestion | null>(null)
  const [declined, setDeclined] = useState<string | null>(null)

  /** Resolves true when every forwarding target of these steps is confirmed (asking if needed). */
  const allowed = useCallback(
    async (scenario: Scenario, target: ScenarioTarget, indexes: number[]): Promise<boolean> => {
      const targets = unconfirmed(scenario, target, indexes, confirmed.current)
      if (targets.length === 0) return true
      const allow = await new Promise<boolean>((resolve) =>
        setQuestion({ scenarioName: scenario.name, targets, answer: resolve })
      )
      setQuestion(null)
      if (allow) for (const t of targets) confirmed.current.add(t.url)
      else {
        setDeclined(
          `Not run: ${targets.map((t) => `step ${t.index + 1} forwards to ${t.url}`).join('; ')}, and forwarding was not allowed.`
        )
      }
      return allow
    },
    []
  )

  const runAllAsked = useCallback(
    async (scenario: Scenario, target: ScenarioTarget): Promise<void> => {
      setDeclined(null)
      const all = scenario.steps.map((_s, i) => i)
      if (await allowed(scenario, target, all)) await runAll(scenario, target)
    },
    [allowed, runAll]
  )

  const playStepAsked = useCallback(
    async (scenario: Scenario, index: number, target: ScenarioTarget): Promise<StepResult> => {
      setDeclined(null)
      if (await allowed(scenario, target, [index])) return playStep(scenario, index, target)
      return notPlayed(scenario, index, unconfirmed(scenario, target, [index], confirmed.current))
    },
    [allowed, playStep]
  )

  return {
    ...run,
    error: declined ?? run.error,
    question,
    runAll: runAllAsked,
    stop,
    playStep: playStepAsked,
    finish,
    reset
  }
}
