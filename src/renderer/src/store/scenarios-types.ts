import type { Scenario, ScenarioDraft } from '@shared/schemas'
import type { ScenarioTarget, StepResult } from '@shared/scenarios/run-scenario'

// The scenarios slice: saved scenarios and the run being shown.

export interface ScenarioRunState {
  /** Results by step index, for the scenario last run. */
  results: Map<number, StepResult>
  /** The step being fired, if any. */
  runningStep: number | null
  runningAll: boolean
  error: string | null
}

export interface ScenariosSlice {
  /** The user's saved scenarios (the built-in ones are constants). */
  scenarios: Scenario[]
  scenarioRun: ScenarioRunState
  /** Creates (no id) or replaces a scenario; the list follows from the settings event. */
  saveScenario(draft: ScenarioDraft): Promise<Scenario>
  deleteScenario(id: string): Promise<void>
  runScenario(scenario: Scenario, target: ScenarioTarget): Promise<void>
  stopScenario(): void
  /** Plays one step (presenter mode); the receiver's own behaviour is set aside meanwhile. */
  playScenarioStep(scenario: Scenario, index: number, target: ScenarioTarget): Promise<StepResult>
  /** Ends step-by-step play: the receiver answers as it did before. */
  finishScenarioSteps(): Promise<void>
  resetScenarioRun(): void
  /** Forgets the run when its view goes away; a run still going on is no longer shown. */
  discardScenarioRun(): void
}
