import type { Scenario } from '../../../../shared/schemas'
import { buildEventBody } from '../../../../shared/trialkit'
import type { HistoryIndex, TimelineRow } from '../../lib/history-index'
import type { FlowModel } from '../flow/flow-types'

/** The body a step sends: its raw body, or the TrialKit body built from its fields. */
export function stepBody(scenario: Scenario, index: number): string | null {
  const step = scenario.steps[index]
  if (!step) return null
  return step.rawBody ?? buildEventBody(step.event, step.fields ?? {})
}

/** A step's timeout in ms: its own, else the scenario's. */
export function stepTimeoutMs(scenario: Scenario, index: number): number {
  const step = scenario.steps[index]
  return (step?.timeoutSeconds ?? scenario.timeoutSeconds) * 1000
}

/**
 * The row of a step being played: the newest pending scenario exchange for this scenario,
 * started after the step was played (the engine announces it before the request leaves).
 */
export function liveRow(
  history: HistoryIndex,
  scenarioName: string,
  playedAt: number
): TimelineRow | null {
  for (const id of history.order.slice(0, 50)) {
    const row = history.rows.get(id)
    const ex = row?.exchange
    if (
      ex &&
      ex.origin === 'scenario' &&
      ex.hookName === scenarioName &&
      Date.parse(ex.startedAt) >= playedAt - 1000
    ) {
      return row
    }
  }
  return null
}

/** The lanes before anything is sent: the stage a room looks at before a step is played. */
export function readyFlow(
  host: string,
  timeoutMs: number,
  live: { elapsedMs: number } | null
): FlowModel {
  return {
    lanes: [
      { id: 'user', title: 'TrialKit user', subtitle: 'saves a record', absent: false },
      { id: 'trialkit', title: 'TrialKit', subtitle: 'dispatcher', absent: false },
      { id: 'network', title: 'Network', subtitle: host, absent: false },
      { id: 'endpoint', title: 'Hook endpoint', subtitle: host, absent: false }
    ],
    steps: [],
    spans: [],
    ticks: [],
    timeoutMs,
    timeoutLabel: `timeout ${timeoutMs / 1000} s`,
    totalMs: null,
    live: live
      ? { elapsedMs: live.elapsedMs, leftMs: Math.max(timeoutMs - live.elapsedMs, 0) }
      : null,
    outcome: live
      ? { state: 'pending', text: 'Saving record… waiting for hook' }
      : { state: 'unknown', text: 'Not played yet: press Enter to save the record.' },
    banner: null,
    summary: live ? 'The record is being saved.' : 'Nothing sent yet.'
  }
}
