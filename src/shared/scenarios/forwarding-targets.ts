import type { Scenario } from '../schemas'

/** A scenario step whose behaviour forwards the receiver's requests elsewhere. */
export interface StepForwarding {
  /** 0-based step index. */
  index: number
  title: string
  url: string
}

/**
 * Every step of a scenario whose behaviour forwards, with its target.
 *
 * Threat: a scenario file comes from someone else. A step behaviour with `forwardTo` makes the
 * built-in receiver send each request it gets (the hook's Basic credentials included) to that
 * URL, so a run, an import or the UI's runner must name these and let the user confirm them.
 */
export function scenarioForwardingTargets(scenario: Pick<Scenario, 'steps'>): StepForwarding[] {
  const found: StepForwarding[] = []
  scenario.steps.forEach((step, index) => {
    const behavior = step.behavior
    if (behavior !== undefined && 'forwardTo' in behavior && behavior.forwardTo) {
      found.push({ index, title: step.title, url: behavior.forwardTo })
    }
  })
  return found
}

/** `step 2 (“Relay”) forwards to http://host/`: how a forwarding step is named to the user. */
export function describeStepForwarding(f: StepForwarding): string {
  return `step ${f.index + 1} (“${f.title}”) forwards to ${f.url}`
}

/** A scenario with every step's forwarding switched off (what runs when it is not confirmed). */
export function withoutStepForwarding<T extends Pick<Scenario, 'steps'>>(scenario: T): T {
  return {
    ...scenario,
    steps: scenario.steps.map((step) => {
      const behavior = step.behavior
      if (behavior === undefined || !('forwardTo' in behavior) || !behavior.forwardTo) return step
      return { ...step, behavior: { ...behavior, forwardTo: null } }
    })
  }
}
