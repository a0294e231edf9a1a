import { BUNDLE_FORMAT, BUNDLE_VERSION, type Bundle } from '../../../shared/bundle'
import { entriesToHar, redactEntry } from '../../../shared/har'
import {
  MAX_SCENARIOS,
  type Behavior,
  type HistoryEntry,
  type Settings
} from '../../../shared/schemas'
import type {
  ExportRequestSchema,
  ImportRequestSchema,
  ImportSummary
} from '../../../shared/sharing'
import type { z } from 'zod'
import { ValidationError } from '../../../shared/validation'
import { APP_VERSION } from '../../../shared/version'
import type { EngineEmitter } from '../events/typed-emitter'
import { parseImport } from '../sharing/parse-import'
import { planImportChanges } from '../sharing/import-plan'
import { scenariosWithoutSecrets } from '../secrets/settings-secrets'
import type { HistoryService } from './history'
import { MAX_HOOKS } from './hooks'
import type { SettingsService } from './settings'

/** An export request as checked: includeSecrets defaulted. */
type ExportOptions = z.output<typeof ExportRequestSchema>

/** An import request as checked: allowForwarding and preview defaulted. */
type ImportOptions = z.output<typeof ImportRequestSchema>

/** A bundle whose hooks or scenarios would pass the limits is refused before anything changes. */
function checkBundleRoom(bundle: Bundle, current: Settings): void {
  if (current.hooks.length + bundle.hooks.length > MAX_HOOKS) {
    throw new ValidationError(
      `The bundle has ${bundle.hooks.length} hooks; with the ${current.hooks.length} saved here that is over ${MAX_HOOKS}.`,
      'hooks'
    )
  }
  if (current.scenarios.length + bundle.scenarios.length > MAX_SCENARIOS) {
    throw new ValidationError(
      `The bundle has ${bundle.scenarios.length} scenarios; with the ${current.scenarios.length} saved here that is over ${MAX_SCENARIOS}.`,
      'scenarios'
    )
  }
}

function entryTime(e: HistoryEntry): string {
  return e.type === 'capture' ? e.receivedAt : e.startedAt
}

/** Export as HAR or a support bundle, and import of either (checked whole before anything changes). */
export class SharingService {
  constructor(
    private readonly settings: SettingsService,
    private readonly history: HistoryService,
    private readonly events: EngineEmitter,
    /** Refuses a bundle behaviour that would leave an exposed receiver open (see exposure.ts). */
    private readonly checkBehavior?: (behavior: Behavior) => void
  ) {}

  exportHar(req: ExportOptions): string {
    const har = entriesToHar(this.chosenEntries(req.ids), {
      includeSecrets: req.includeSecrets,
      appVersion: APP_VERSION
    })
    return `${JSON.stringify(har, null, 2)}\n`
  }

  exportBundle(req: ExportOptions): string {
    const entries = this.chosenEntries(req.ids)
    const settings = this.settings.value
    const behavior = structuredClone(settings.behavior)
    if (!req.includeSecrets && behavior.expectedAuth) {
      behavior.expectedAuth = { ...behavior.expectedAuth, password: '' }
    }
    const bundle: Bundle = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      createdAt: new Date().toISOString(),
      appVersion: APP_VERSION,
      hooks: settings.hooks.map((h) => ({ ...h, password: '' })),
      behavior,
      scenarios: req.includeSecrets
        ? structuredClone(settings.scenarios)
        : scenariosWithoutSecrets(settings.scenarios),
      history: req.includeSecrets ? entries : entries.map(redactEntry)
    }
    return `${JSON.stringify(bundle, null, 2)}\n`
  }

  /**
   * Imports a HAR file or a support bundle, planned whole first (import-plan.ts): nothing changes
   * for a refused file, a preview only says what would change, and forwarding from a bundle stays
   * off unless allowed.
   */
  async importFile(req: ImportOptions): Promise<ImportSummary> {
    const plan = parseImport(req.text)
    const current = this.settings.value
    if (plan.format === 'bundle') checkBundleRoom(plan.bundle, current)
    const changes = planImportChanges(plan, {
      hooks: current.hooks,
      scenarios: current.scenarios,
      history: this.history.entries(),
      historyCap: current.preferences.historyCap,
      allowForwarding: req.allowForwarding,
      fileName: req.fileName,
      checkBehavior: this.checkBehavior
    })
    if (req.preview) return { ...changes.summary, preview: true }
    if (changes.setup) {
      this.settings.set({
        ...current,
        hooks: [...current.hooks, ...changes.setup.hooks],
        behavior: changes.setup.behavior,
        scenarios: [...current.scenarios, ...changes.setup.scenarios]
      })
      await this.settings.save()
    }
    await this.history.appendAll(changes.entries)
    for (const e of changes.entries) {
      if (e.type === 'capture') this.events.emit('capture', e)
      else if (e.type === 'capacity') this.events.emit('capacity-done', e)
      else this.events.emit('exchange-done', e)
    }
    return changes.summary
  }

  /** The entries asked for (all when no ids), oldest first; unknown ids are an error. */
  private chosenEntries(ids: readonly string[] | undefined): HistoryEntry[] {
    if (ids === undefined) return this.history.entries()
    const chosen: HistoryEntry[] = []
    for (const id of ids) {
      const entry = this.history.get(id)
      if (!entry) throw new ValidationError(`No history entry has the id "${id}".`, 'ids')
      chosen.push(entry)
    }
    return chosen.sort((a, b) => entryTime(a).localeCompare(entryTime(b)))
  }
}
