import { newId } from '@shared/ids'
import { MAX_SCENARIOS, ScenarioSchema, type Scenario, type ScenarioDraft } from '@shared/schemas'
import { scenariosRoomProblem } from '@shared/scenario-bounds'
import { parseOrThrow, ValidationError } from '@shared/validation'
import type { SettingsService } from './settings'

/** Saved scenarios, kept in the settings. */
export class ScenariosService {
  constructor(private readonly settings: SettingsService) {}

  async save(draft: ScenarioDraft): Promise<Scenario> {
    const scenario = parseOrThrow(ScenarioSchema, { ...draft, id: draft.id ?? newId('scn') })
    const current = this.settings.value
    const list = current.scenarios
    const index = list.findIndex((s) => s.id === scenario.id)
    if (index === -1 && list.length >= MAX_SCENARIOS) {
      throw new ValidationError(`At most ${MAX_SCENARIOS} scenarios can be saved.`, 'id')
    }
    const scenarios =
      index === -1 ? [...list, scenario] : list.map((s, i) => (i === index ? scenario : s))
    const problem = scenariosRoomProblem(list, scenarios)
    if (problem !== null) throw new ValidationError(problem, 'steps')
    this.settings.set({ ...current, scenarios })
    await this.settings.save()
    return structuredClone(scenario)
  }

  async delete(scenarioId: string): Promise<void> {
    const current = this.settings.value
    if (!current.scenarios.some((s) => s.id === scenarioId)) {
      throw new ValidationError(`No saved scenario has the id "${scenarioId}".`, 'id')
    }
    this.settings.set({
      ...current,
      scenarios: current.scenarios.filter((s) => s.id !== scenarioId)
    })
    await this.settings.save()
  }
}
