import { BUNDLE_FORMAT, BUNDLE_VERSION, type Bundle } from '../../../shared/bundle'
import { entriesToHar, redactEntry } from '../../../shared/har'
import { newId } from '../../../shared/ids'
import { MAX_SCENARIOS, type HistoryEntry } from '../../../shared/schemas'
import type { ExportRequestSchema, ImportSummary } from '../../../shared/sharing'
import type { z } from 'zod'
import { ValidationError } from '../../../shared/validation'
import { APP_VERSION } from '../../../shared/version'
import type { EngineEmitter } from '../events/typed-emitter'
import { parseImport } from '../sharing/parse-import'
import { remapIds } from '../sharing/remap-ids'
import type { HistoryService } from './history'
import { MAX_HOOKS } from './hooks'
import type { SettingsService } from './settings'

/** An export request as checked: includeSecrets defaulted. */
type ExportOptions = z.output<typeof ExportRequestSchema>

function entryTime(e: HistoryEntry): string {
  return e.type === 'exchange' ? e.startedAt : e.receivedAt
}

/** Export as HAR or a support bundle, and import of either (checked whole before anything changes). */
export class SharingService {
  constructor(
    private readonly settings: SettingsService,
    private readonly history: HistoryService,
    private readonly events: EngineEmitter
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
      scenarios: structuredClone(settings.scenarios),
      history: req.includeSecrets ? entries : entries.map(redactEntry)
    }
    return `${JSON.stringify(bundle, null, 2)}\n`
  }

  async importFile(text: string): Promise<ImportSummary> {
    const plan = parseImport(text)
    if (plan.format === 'har') {
      const count = await this.importEntries(plan.entries)
      return {
        format: 'har',
        hooks: 0,
        scenarios: 0,
        behavior: false,
        historyEntries: count,
        messages: []
      }
    }
    const { bundle } = plan
    const current = this.settings.value
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
    const hookIds = new Set(current.hooks.map((h) => h.id))
    const hooks = bundle.hooks.map((h) => ({ ...h, id: hookIds.has(h.id) ? newId('hook') : h.id }))
    const scenarioIds = new Set(current.scenarios.map((s) => s.id))
    const scenarios = bundle.scenarios.map((s) => ({
      ...s,
      id: scenarioIds.has(s.id) ? newId('scn') : s.id
    }))
    this.settings.set({
      ...current,
      hooks: [...current.hooks, ...hooks],
      behavior: bundle.behavior,
      scenarios: [...current.scenarios, ...scenarios]
    })
    await this.settings.save()
    const count = await this.importEntries(bundle.history)
    const messages: string[] = []
    const needPassword = hooks.filter((h) => h.email !== '')
    if (needPassword.length > 0) {
      messages.push(
        `Enter the password again for ${needPassword.length === 1 ? 'the hook' : `${needPassword.length} hooks`}: ${needPassword.map((h) => h.name).join(', ')}.`
      )
    }
    if (bundle.behavior.expectedAuth && bundle.behavior.expectedAuth.password === '') {
      messages.push('The receiver expects credentials: enter its expected password again.')
    }
    return {
      format: 'bundle',
      hooks: hooks.length,
      scenarios: scenarios.length,
      behavior: true,
      historyEntries: count,
      messages
    }
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

  /** Adds imported entries to the history (ids kept unless taken) and shows them live. */
  private async importEntries(entries: readonly HistoryEntry[]): Promise<number> {
    const remapped = remapIds(entries, (id) => this.history.has(id)).map((e): HistoryEntry => ({
      ...e,
      imported: true
    }))
    await this.history.appendAll(remapped)
    for (const e of remapped) {
      if (e.type === 'capture') this.events.emit('capture', e)
      else this.events.emit('exchange-done', e)
    }
    return remapped.length
  }
}
