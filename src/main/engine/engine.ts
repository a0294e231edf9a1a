import { join } from 'node:path'
import {
  type ApiMethod,
  type CheckedArgs,
  type EngineEventName,
  type HookInspectorApi,
  type Unsubscribe
} from '@shared/api'
import { checkArgs, checkEveryCall } from '@shared/api-check'
import type { CapacityRequest } from '@shared/capacity'
import type { CheckReport, CheckRequest } from '@shared/check'
import type { DecodedBody } from '@shared/decoded-body'
import type { HistoryPage } from '@shared/history-page'
import type { ReplayRequest } from '@shared/replay'
import type { ExportRequest, ImportRequest, ImportSummary } from '@shared/sharing'
import {
  StartReceiverSchema,
  type AppInfo,
  type Behavior,
  type CapacityRun,
  type Exchange,
  type FireRequest,
  type HistoryEntry,
  type HistoryQuery,
  type HookConfig,
  type HookDraft,
  type Preferences,
  type ReceiverConfig,
  type ReceiverStatus,
  type Scenario,
  type ScenarioDraft,
  type Settings
} from '@shared/schemas'
import { bodyFromTemplate } from '@shared/event-template'
import type { PublicRequest, PublicStatus } from '@shared/public-url'
import { parseOrThrow, ValidationError } from '@shared/validation'
import { APP_VERSION } from '@shared/version'
import { runReadinessCheck } from './check/run-check'
import { claimDataDir, raiseClaimNotices, type DataDirClaim } from './data-dir-claim'
import type { DataDirLock } from './data-dir-lock'
import { assertTrustedDataDir } from './data-dir-trust'
import { dispatch as realDispatch } from './dispatch'
import type { EngineOptions } from './engine-options'
import type { EngineListener } from './events/event-feed'
import { openJournal } from './journal'
import { chunked } from './sharing/export-file'
import { decodedView } from './receiver/decoded-view'
import { ownerOnlyMessage } from './secrets/owner-only'
import { SecretSettingsPort } from './secrets/secret-settings-port'
import { assembleServices, type Services } from './services/assemble'

export { FORWARD_TIMEOUT_S } from './services/forwarding'
export type { EngineOptions } from './engine-options'

export const HISTORY_FILE = 'history.jsonl'

/**
 * A method's argument as the contract checked it. Every API method is wrapped by checkEveryCall
 * (at the end of this file), which checks the arguments once, whatever the transport, and calls
 * the method with the checked values: the methods only name that type.
 */
type Checked<M extends ApiMethod> = CheckedArgs<M>[0]

/**
 * The engine facade: one object implementing the API contract for both transports. It checks
 * every argument against the contract and hands the call to the service that owns the concern
 * (src/main/engine/services/); it also owns the start and shutdown order. Build it with
 * createEngine (or createHeadlessEngine), never with `new`.
 */
export class Engine implements HookInspectorApi {
  private closing: Promise<void> | null = null

  private constructor(
    private readonly options: EngineOptions,
    private readonly s: Services,
    private readonly lock: DataDirLock | null
  ) {}

  /** See createEngine. */
  static async create(options: EngineOptions): Promise<Engine> {
    // First of all: a data dir another user controls is refused before anything in it is
    // created, narrowed, locked or read (see docs/ARCHITECTURE.md, Persistence).
    if (options.dataDir !== null) await assertTrustedDataDir(options.dataDir)
    const overrides = parseOrThrow(
      StartReceiverSchema,
      options.receiverOverrides ?? {},
      'receiverOverrides'
    )
    const claim = await claimDataDir(options.dataDir, options)
    try {
      return await Engine.build(options, overrides, claim)
    } catch (error) {
      await claim.lock?.release()
      throw error
    }
  }

  private static async build(
    options: EngineOptions,
    overrides: Partial<ReceiverConfig>,
    claim: DataDirClaim
  ): Promise<Engine> {
    const { dataDir } = options
    const readOnly = options.readOnly === true
    await options.secrets.load()
    // Every password lives in the secret store: the settings file only ever sees them blanked.
    const settingsPort = new SecretSettingsPort(options.settings, options.secrets)
    const loaded = await settingsPort.load()
    const journal = await openJournal({
      file: dataDir === null ? null : join(dataDir, HISTORY_FILE),
      cap: loaded.settings.preferences.historyCap,
      maxBytes: loaded.settings.preferences.historyMaxBytes,
      write: options.journalWrite,
      readOnly
    })

    let engine: Engine | null = null
    const services = assembleServices({
      dataDir,
      portConflict: options.portConflict,
      dispatch: options.dispatch ?? realDispatch,
      secrets: options.secrets,
      settingsPort,
      settings: loaded.settings,
      journal,
      overrides,
      assertOpen: () => engine?.assertOpen(),
      allowAnonymous: options.allowAnonymous
    })
    const { notices, history, settings, receiver } = services
    engine = new Engine({ ...options, receiverOverrides: overrides }, services, claim.lock)

    // Start order: the lock's news, notices of what was loaded, passwords out of the settings
    // file, receiver.
    raiseClaimNotices(dataDir, claim, notices, options.announce)
    if (loaded.notice) notices.add(loaded.notice)
    if (options.secrets.notice) notices.add(options.secrets.notice)
    if (claim.modeProblems.length > 0) {
      notices.raise('warning', ownerOnlyMessage(claim.modeProblems))
    }
    history.addStartupNotices()
    if (!readOnly) {
      await settings.migratePasswords()
      // An import a kill interrupted is finished before anything else writes.
      await services.sharing.finishPendingImport(notices)
    }
    if (options.startReceiver !== false && !readOnly) {
      try {
        await receiver.startInitial()
      } catch (error) {
        await engine.close()
        throw error
      }
    }
    return engine
  }

  // -------------------------------------------------------------------------------------------
  // Events and lifecycle

  /** Subscribes to a live event; returns the unsubscribe function. */
  on<K extends EngineEventName>(event: K, listener: EngineListener<K>): Unsubscribe {
    return this.s.events.on(event, listener)
  }

  /** Stops the receiver, cancels pending dispatches and flushes the journal. */
  close(): Promise<void> {
    this.closing ??= this.shutdown()
    return this.closing
  }

  /** Shutdown order: nothing new comes in, what is in flight ends and is recorded, then the file. */
  private async shutdown(): Promise<void> {
    // A capacity run sends no new request from now on (its in-flight ones end as aborted).
    this.s.capacity.stop()
    await this.s.publicUrl.stop()
    await this.s.capacity.close()
    await this.s.receiver.close()
    await this.s.exchanges.close()
    await this.s.history.close()
    this.s.events.clear()
    // Last: until the journal is flushed and closed the data dir is still being written.
    await this.lock?.release()
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('The engine is closed.')
  }

  receiverStatus(): ReceiverStatus {
    return this.s.receiver.status()
  }

  // -------------------------------------------------------------------------------------------
  // Info, settings, hooks

  async getInfo(): Promise<AppInfo> {
    return {
      version: APP_VERSION,
      dataDir: this.options.dataDir,
      secretsPersisted: this.s.settings.secretsPersisted,
      historyPersisted: this.s.history.persisted,
      receiver: this.s.receiver.status(),
      notices: this.s.notices.list()
    }
  }

  async getSettings(): Promise<Settings> {
    return this.s.settings.withPasswords()
  }

  async saveHook(draft: HookDraft): Promise<HookConfig> {
    const input = draft as Checked<'saveHook'>
    return this.s.hooks.save(input)
  }

  async deleteHook(id: string): Promise<void> {
    const hookId = id as Checked<'deleteHook'>
    return this.s.hooks.delete(hookId)
  }

  async setBehavior(behavior: Behavior): Promise<Behavior> {
    const next = behavior as Checked<'setBehavior'>
    return this.s.receiver.setBehavior(next)
  }

  async setPreferences(patch: Partial<Preferences>): Promise<Preferences> {
    const changes = patch as Checked<'setPreferences'>
    return this.s.settings.setPreferences(changes, this.s.history)
  }

  async dismissNotice(id: string): Promise<void> {
    const noticeId = id as Checked<'dismissNotice'>
    this.s.notices.dismiss(noticeId)
  }

  // -------------------------------------------------------------------------------------------
  // Receiver

  async startReceiver(config: Partial<ReceiverConfig>): Promise<ReceiverStatus> {
    const changes = config as Checked<'startReceiver'>
    return this.s.receiver.start(changes, () => this.assertOpen())
  }

  async stopReceiver(): Promise<ReceiverStatus> {
    return this.s.receiver.stop()
  }

  // -------------------------------------------------------------------------------------------
  // Dispatch

  async fire(request: FireRequest): Promise<Exchange> {
    const req = request as Checked<'fire'>
    this.assertOpen()
    const hook = this.s.hooks.resolve(req.hookId, req.hook)
    const body = req.rawBody ?? bodyFromTemplate(req.event, hook.templates?.[req.event], req.fields)
    return this.s.exchanges.send({
      hook,
      event: req.event,
      body,
      replayOf: req.replayOf ?? null,
      origin: req.replayOf === undefined ? req.origin : 'replay',
      ...(req.exchangeId === undefined ? {} : { exchangeId: req.exchangeId })
    })
  }

  async abortExchange(id: string): Promise<boolean> {
    const exchangeId = id as Checked<'abortExchange'>
    return this.s.exchanges.abort(exchangeId)
  }

  // -------------------------------------------------------------------------------------------
  // History

  async listHistory(query: HistoryQuery): Promise<HistoryEntry[]> {
    const { limit, offset } = query as Checked<'listHistory'>
    return this.s.history.boundedPage(offset, limit).entries
  }

  async historyPage(query: HistoryQuery): Promise<HistoryPage> {
    const { limit, offset } = query as Checked<'historyPage'>
    return this.s.history.boundedPage(offset, limit)
  }

  async decodeBody(captureId: string): Promise<DecodedBody> {
    const id = captureId as Checked<'decodeBody'>
    const entry = this.s.history.get(id)
    if (entry?.type !== 'capture') {
      throw new ValidationError(`No capture in the history has the id "${id}".`, 'captureId')
    }
    return decodedView(entry)
  }

  async clearHistory(): Promise<void> {
    await this.s.history.clear()
  }

  // -------------------------------------------------------------------------------------------
  // Readiness check, scenarios, replay, export and import

  async runCheck(request: CheckRequest): Promise<CheckReport> {
    const options = request as Checked<'runCheck'>
    this.assertOpen()
    return runReadinessCheck(options, (spec) => this.s.exchanges.send(spec))
  }

  /** Makes the receiver reachable from the internet through a tunnel; see PublicUrlService. */
  async startPublic(request: PublicRequest): Promise<PublicStatus> {
    const req = request as Checked<'startPublic'>
    this.assertOpen()
    return this.s.publicUrl.start(req)
  }

  async stopPublic(): Promise<PublicStatus> {
    return this.s.publicUrl.stop()
  }

  async getPublicStatus(): Promise<PublicStatus> {
    return this.s.publicUrl.status()
  }

  /** See exposure.ts: asked by the UI only after the user confirmed it in so many words. */
  async allowAnonymous(): Promise<void> {
    this.s.exposure.chooseAnonymous()
  }

  async runCapacity(request: CapacityRequest): Promise<CapacityRun> {
    const options = request as Checked<'runCapacity'>
    this.assertOpen()
    return this.s.capacity.run(options)
  }

  async stopCapacity(): Promise<boolean> {
    return this.s.capacity.stop()
  }

  async saveScenario(draft: ScenarioDraft): Promise<Scenario> {
    const input = draft as Checked<'saveScenario'>
    return this.s.scenarios.save(input)
  }

  async deleteScenario(id: string): Promise<void> {
    const scenarioId = id as Checked<'deleteScenario'>
    return this.s.scenarios.delete(scenarioId)
  }

  async replay(request: ReplayRequest): Promise<Exchange> {
    const req = request as Checked<'replay'>
    this.assertOpen()
    return this.s.exchanges.send(this.s.replay.plan(req))
  }

  async exportHar(request: ExportRequest): Promise<string> {
    const req = request as Checked<'exportHar'>
    return this.s.sharing.exportHar(req)
  }

  async exportBundle(request: ExportRequest): Promise<string> {
    const req = request as Checked<'exportBundle'>
    return this.s.sharing.exportBundle(req)
  }

  /** Writes HAR or a bundle to a file, streamed and owner-only (the CLI's --out, the File menu). */
  async writeExport(format: 'har' | 'bundle', request: ExportRequest, file: string): Promise<void> {
    const [req] = checkArgs(format === 'har' ? 'exportHar' : 'exportBundle', [request])
    return this.s.sharing.writeExport(format, req, file)
  }

  /** HAR or a bundle as text pieces, streamed (stdout, serve's download). */
  exportPieces(format: 'har' | 'bundle', request: ExportRequest): AsyncIterable<string> {
    const [req] = checkArgs(format === 'har' ? 'exportHar' : 'exportBundle', [request])
    return chunked(this.s.sharing.pieces(format, req))
  }

  async importFile(request: ImportRequest): Promise<ImportSummary> {
    const req = request as Checked<'importFile'>
    this.assertOpen()
    return this.s.sharing.importFile(req)
  }
}

// Every API method checks its arguments (count included) with the API's one checker first.
checkEveryCall(Engine.prototype)

/**
 * Builds the engine from its parts: settings and secrets loaded, the journal opened with the
 * saved history cap, and (by default) the receiver started. Under the 'fail' policy a receiver
 * that cannot listen makes this throw the ReceiverListenError, after releasing what it opened.
 */
export function createEngine(options: EngineOptions): Promise<Engine> {
  return Engine.create(options)
}
