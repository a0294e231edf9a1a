import { BUNDLE_FORMAT, BUNDLE_VERSION, type Bundle } from '@shared/bundle'
import { MAX_SCENARIOS, type Behavior, type Settings } from '@shared/schemas'
import type { ExportRequestSchema, ImportRequestSchema, ImportSummary } from '@shared/sharing'
import type { z } from 'zod'
import { scenariosRoomProblem } from '@shared/scenario-bounds'
import { ValidationError } from '@shared/validation'
import { APP_VERSION } from '@shared/version'
import type { EngineEmitter } from '../events/typed-emitter'
import { joinPieces, writeExportFile } from '../sharing/export-file'
import {
  chosenIds,
  harEntries,
  historyEntries,
  jsonWithStreamedArray,
  Pacer,
  STREAM_SLOT,
  streamRows
} from '../sharing/export-stream'
import { parseImport } from '../sharing/parse-import'
import {
  clearPendingImport,
  entriesToFinish,
  readPendingImport,
  writePendingImport,
  type PendingImport
} from '../sharing/pending-import'
import { planImportChanges } from '../sharing/import-plan'
import { scenariosWithoutSecrets } from '../secrets/settings-secrets'
import type { HistoryService } from './history'
import type { NoticeBoard } from './notices'
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

/** Export as HAR or a support bundle, and import of either (checked whole before anything changes). */
export class SharingService {
  constructor(
    private readonly settings: SettingsService,
    private readonly history: HistoryService,
    private readonly events: EngineEmitter,
    /** Where an import's changes are written aside first; null: memory only. */
    private readonly dataDir: string | null = null,
    /** Refuses a bundle behaviour that would leave an exposed receiver open (see exposure.ts). */
    private readonly checkBehavior?: (behavior: Behavior) => void
  ) {}

  /** HAR 1.2 of the chosen entries (all when no ids), piece by piece (export-stream.ts). */
  async *harPieces(req: ExportOptions): AsyncGenerator<string> {
    const pacer = new Pacer()
    const ids = await chosenIds(this.history, req.ids, pacer)
    const skeleton = {
      log: {
        version: '1.2',
        creator: { name: 'Hook Inspector', version: APP_VERSION },
        entries: STREAM_SLOT
      }
    }
    const rows = streamRows(this.history, ids, !req.includeSecrets, pacer)
    yield* jsonWithStreamedArray(skeleton, ['log', 'entries'], harEntries(rows), pacer)
  }

  /** A support bundle, piece by piece: the setup first, then the history one entry at a time. */
  async *bundlePieces(req: ExportOptions): AsyncGenerator<string> {
    const pacer = new Pacer()
    const ids = await chosenIds(this.history, req.ids, pacer)
    const settings = this.settings.value
    const behavior = structuredClone(settings.behavior)
    if (!req.includeSecrets && behavior.expectedAuth) {
      behavior.expectedAuth = { ...behavior.expectedAuth, password: '' }
    }
    const skeleton: Omit<Bundle, 'history'> & { history: string } = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      createdAt: new Date().toISOString(),
      appVersion: APP_VERSION,
      hooks: settings.hooks.map((h) => ({ ...h, password: '' })),
      behavior,
      scenarios: req.includeSecrets
        ? structuredClone(settings.scenarios)
        : scenariosWithoutSecrets(settings.scenarios),
      history: STREAM_SLOT
    }
    const entries = historyEntries(this.history, ids, !req.includeSecrets)
    yield* jsonWithStreamedArray(skeleton, ['history'], entries, pacer)
  }

  /** HAR 1.2 as one string (the API's answer); files are written from harPieces instead. */
  exportHar(req: ExportOptions): Promise<string> {
    return joinPieces(this.harPieces(req))
  }

  /** A support bundle as one string (the API's answer); files are written from bundlePieces. */
  exportBundle(req: ExportOptions): Promise<string> {
    return joinPieces(this.bundlePieces(req))
  }

  /** HAR or a bundle, piece by piece. */
  pieces(format: 'har' | 'bundle', req: ExportOptions): AsyncGenerator<string> {
    return format === 'har' ? this.harPieces(req) : this.bundlePieces(req)
  }

  /** Writes HAR or a bundle to `file`, streamed and owner-only (export-file.ts). */
  writeExport(format: 'har' | 'bundle', req: ExportOptions, file: string): Promise<void> {
    return writeExportFile(file, this.pieces(format, req))
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
      history: this.history,
      historyCap: current.preferences.historyCap,
      allowForwarding: req.allowForwarding,
      fileName: req.fileName,
      checkBehavior: this.checkBehavior
    })
    if (changes.setup) {
      const added = [...current.scenarios, ...changes.setup.scenarios]
      const problem = scenariosRoomProblem(current.scenarios, added)
      if (problem !== null) {
        throw new ValidationError(`The bundle is refused: ${problem}`, 'scenarios')
      }
    }
    if (req.preview) return { ...changes.summary, preview: true }
    const pending: PendingImport = { setup: changes.setup, entries: changes.entries }
    if (this.dataDir !== null) await writePendingImport(this.dataDir, pending)
    await this.apply(pending)
    return changes.summary
  }

  /**
   * Finishes an import a kill interrupted (pending-import.ts): run once at start, before anything
   * else touches the history or the settings.
   */
  async finishPendingImport(notices: NoticeBoard): Promise<void> {
    if (this.dataDir === null) return
    const { pending, problem } = await readPendingImport(this.dataDir)
    if (problem !== null) notices.raise('warning', problem)
    if (pending === null) return
    const added = await this.apply(pending)
    notices.raise(
      'info',
      `An import interrupted before it finished was completed (${added} history ${added === 1 ? 'entry' : 'entries'} added now).`
    )
  }

  /**
   * Applies an import's changes, skipping those already made (a resumed import): the history
   * entries first, each written before the next step, then the setup; the file written aside is
   * removed only once both are saved, so a failure leaves it for the next start to finish.
   */
  private async apply(pending: PendingImport): Promise<number> {
    const entries = entriesToFinish(pending, (id) => this.history.has(id))
    await Promise.all(entries.map((e) => this.history.record(e)))
    let saved = true
    if (pending.setup) {
      const current = this.settings.value
      const hookIds = new Set(current.hooks.map((h) => h.id))
      const scenarioIds = new Set(current.scenarios.map((s) => s.id))
      this.settings.set({
        ...current,
        hooks: [...current.hooks, ...pending.setup.hooks.filter((h) => !hookIds.has(h.id))],
        behavior: pending.setup.behavior,
        scenarios: [
          ...current.scenarios,
          ...pending.setup.scenarios.filter((s) => !scenarioIds.has(s.id))
        ]
      })
      saved = await this.settings.save()
    }
    if (saved && this.dataDir !== null) await clearPendingImport(this.dataDir)
    for (const e of entries) {
      if (e.type === 'capture') this.events.emit('capture', e)
      else if (e.type === 'capacity') this.events.emit('capacity-done', e)
      else this.events.emit('exchange-done', e)
    }
    return entries.length
  }
}
