import type { Scenario } from './schemas'

/**
 * How much the saved scenarios may take together, as JSON. They live in the settings, which are
 * written whole on every preference change and sent whole to every window and browser tab: a few
 * scenarios with multi-MiB raw bodies would make each of those tens of MB. A step's raw body that
 * large belongs in a file fired with `--data @file`, not in a saved scenario.
 */
export const MAX_SCENARIOS_CHARS = 1024 * 1024

/** The size of scenarios as the settings hold them, in UTF-16 units of their JSON. */
export function scenariosChars(scenarios: readonly Scenario[]): number {
  let chars = 0
  for (const s of scenarios) chars += JSON.stringify(s).length + 1
  return chars
}

function mib(chars: number): string {
  return `${(chars / 1024 / 1024).toFixed(1)} MiB`
}

/**
 * Why a change to the saved scenarios is refused, or null when it fits: the new list passes the
 * bound and is larger than before (a change that does not grow them is always allowed, so
 * settings from before the bound can still be trimmed).
 */
export function scenariosRoomProblem(
  before: readonly Scenario[],
  after: readonly Scenario[]
): string | null {
  const next = scenariosChars(after)
  if (next <= MAX_SCENARIOS_CHARS || next <= scenariosChars(before)) return null
  return `Saved scenarios may take at most ${mib(MAX_SCENARIOS_CHARS)} together (they are kept in the settings); this would make them ${mib(next)}. Shorten the raw bodies of the steps.`
}
