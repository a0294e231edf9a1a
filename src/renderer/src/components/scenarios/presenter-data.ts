import { describeBehavior } from '@shared/behavior-text'
import { stepBehavior } from '@shared/scenarios/run-scenario'
import type { Scenario } from '@shared/schemas'
import { buildEventBody } from '@shared/trialkit'
import type { HistoryIndex, TimelineRow } from '@renderer/lib/history-index'
import type { FlowModel } from '../flow/flow-types'

/** The body a step sends: its raw body, or the TrialKit body built from its fields. */
export function stepBody(scenario: Scenario, index: number): string | null {
  const step = scenario.steps[index]
  if (!step) return null
  return step.rawBody ?? buildEventBody(step.event, step.fields ?? {})
}

/**
 * The body a step's payload is compared with: the last earlier step that sent the same event (so
 * a review is read against the previous review, and only what changed is marked), else the step
 * just before it; null for the first step.
 */
export function comparedStep(scenario: Scenario, index: number): number | null {
  const step = scenario.steps[index]
  if (!step || index === 0) return null
  for (let i = index - 1; i >= 0; i--) if (scenario.steps[i]!.event === step.event) return i
  return index - 1
}

/**
 * What the receiver will do and what the step expects, in words made from the step itself, so
 * the speaker's notes cannot say one duration while the diagram shows another.
 */
export function stepFacts(scenario: Scenario, index: number, builtIn: boolean): string {
  const step = scenario.steps[index]
  if (!step) return ''
  const timeoutMs = stepTimeoutMs(scenario, index)
  const expected =
    step.expect.outcome === 'success'
      ? 'the record saved'
      : `a ProtocolError (${step.expect.kind}${step.expect.status === undefined ? '' : ` ${step.expect.status}`})`
  const receiver = builtIn
    ? `The built-in receiver ${lowerFirst(describeBehavior(stepBehavior(step.behavior, timeoutMs)))}`
    : 'The endpoint answers as it does (a step’s behaviour applies to the built-in receiver only).'
  return `${receiver} TrialKit waits up to ${timeoutMs / 1000} s. Expected: ${expected}.`
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
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
