import { join } from 'node:path'
import { type EngineEventName, type HookInspectorApi, type Unsubscribe } from '../../shared/api'
import { utf8Length } from '../../shared/bytes'
import { BUNDLE_FORMAT, BUNDLE_VERSION, type Bundle } from '../../shared/bundle'
import type { CheckReport, CheckRequest } from '../../shared/check'
import { entriesToHar, redactEntry } from '../../shared/har'
import type { ReplayRequest } from '../../shared/replay'
import type { ExportRequest, ImportRequest, ImportSummary } from '../../shared/sharing'
import { newId } from '../../shared/ids'
import {
  HookConfigSchema,
  MAX_SCENARIOS,
  PreferencesSchema,
  ScenarioSchema,
  StartReceiverSchema,
  type AppInfo,
  type Behavior,
  type Capture,
  type Exchange,
  type FireRequest,
  type HistoryEntry,
  type HistoryQuery,
  type HookConfig,
  type HookDraft,
  type Notice,
  type Preferences,
  type ReceiverConfig,
  type ReceiverStatus,
  type Scenario,
  type ScenarioDraft,
  type Settings,
  type WireRequest
} from '../../shared/schemas'
import { bodyFromTemplate } from '../../shared/event-template'
import type { PublicRequest, PublicStatus } from '../../shared/public-url'
import { parseOrThrow, ValidationError } from '../../shared/validation'
import { APP_VERSION } from '../../shared/version'
import { buildWireRequest, userAgentFor, type WireOptions } from '../../shared/wire-request'
import type {
  Dispatch,
  DispatchResult,
  ForwardRequest,
  ForwardResult,
  HistoryStore,
  RunningReceiver,
  SecretStore,
  SettingsPort
} from './contracts'
import { runReadinessCheck } from './check/run-check'
import { planReplay } from './replay/plan-replay'
import { parseImport } from './sharing/parse-import'
import { remapIds } from './sharing/remap-ids'
import { ensureDataDir } from './data-dir'
import { dispatch as realDispatch } from './dispatcher'
import type { EngineListener } from './event-feed'
import { ExchangeLinks } from './facade/exchange-links'
import { listenWithPolicy, type PortConflict } from './facade/listen'
import { isLoopbackHost, targetsReceiver } from './facade/loopback'
import { NoticeBoard } from './facade/notices'
import { parseArgs } from './facade/parse-args'
import { EngineEmitter } from './facade/typed-emitter'
import { openJournal } from './journal'
import { PublicUrlService } from './public-url/service'
import { startReceiver as realStartReceiver } from './receiver'
import { FileSecretStore, MemorySecretStore } from './secrets-file'
import { FileSettingsPort } from './settings-file'

export const HISTORY_FILE = 'history.jsonl'
/** How long a forwarding leg waits for the target; the caller's own timeout applies on top. */
export const FORWARD_TIMEOUT_S = 30
const MAX_HOOKS = 1000

export interface EngineOptions {
  /** null: memory only (no journal file). */
  dataDir: string | null
  settings: SettingsPort
  secrets: SecretStore
  /**
   * When the configured receiver port is taken: 'fail' (throw ReceiverListenError; CLI) or
   * 'next-free' (try the next ports, up to +20; desktop app).
   */
  portConflict: PortConflict
  /** Start the receiver on create (default true). */
  startReceiver?: boolean
  /** Overrides of the saved receiver config for this run only (e.g. `serve --receiver-port`). */
  receiverOverrides?: Partial<ReceiverConfig>
  /** Injected for tests; default the real dispatch. */
  dispatch?: Dispatch
}

/** The hook a fire uses: a saved one (with its password) or an inline one, maybe without id. */
export type FireHook = Omit<HookConfig, 'id'> & { id?: string | undefined }

/** One request to send, whoever asks for it (composer, replay, check, scenario, forwarding). */
export interface SendSpec {
  hook: FireHook
  event: Exchange['event']
  body: string
  origin?: Exchange['origin']
  replayOf?: string | null
  forwardOf?: string | null
  /** Method and extra headers (a replay with edited headers, a forward). */
  wire?: WireOptions
}

interface PendingExchange {
  controller: AbortController
  finished: Promise<unknown>
}

function entryTime(e: HistoryEntry): string {
  return e.type === 'exchange' ? e.startedAt : e.receivedAt
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The request shown for a URL that cannot be called: nothing went on the wire. */
function unsentRequest(url: string, body: string): WireRequest {
  return { method: 'POST', url, headers: [], body, bodySize: utf8Length(body) }
}

/**
 * The engine facade: one object implementing the API contract for both transports, composing
 * the dispatcher, the receiver, the journal, settings and secrets, and emitting typed live events.
 * Build it with createEngine (or createHeadlessEngine), never with `new`.
 */
export class Engine implements HookInspectorApi {
  private readonly events = new EngineEmitter()
  private readonly publicUrl: PublicUrlService
  private readonly notices = new NoticeBoard()
  private readonly links = new ExchangeLinks()
  private readonly pending = new Map<string, PendingExchange>()
  private readonly dispatchFn: Dispatch
  /** Hooks are held without passwords; those come from the secret store. */
  private settings: Settings
  /** The config the receiver runs with: the saved one plus this run's overrides. */
  private receiverConfig: ReceiverConfig
  private running: RunningReceiver | null = null
  private receiverError: string | null = null
  private receiverChain: Promise<unknown> = Promise.resolve()
  private historyFailureNoticed = false
  private closing: Promise<void> | null = null

  private constructor(
    private readonly options: EngineOptions,
    settings: Settings,
    private readonly journal: HistoryStore
  ) {
    this.settings = settings
    this.receiverConfig = { ...settings.receiver, ...options.receiverOverrides }
    this.dispatchFn = options.dispatch ?? realDispatch
    this.publicUrl = new PublicUrlService({
      dataDir: options.dataDir,
      receiverPort: () => this.running?.port ?? null,
      expectsCredentials: () => this.settings.behavior.expectedAuth !== null,
      secrets: options.secrets,
      onStatus: (status) => this.events.emit('public-status', status)
    })
  }

  /** See createEngine. */
  static async create(options: EngineOptions): Promise<Engine> {
    const receiverOverrides = parseOrThrow(
      StartReceiverSchema,
      options.receiverOverrides ?? {},
      'receiverOverrides'
    )
    if (options.dataDir !== null) {
      // A data dir that cannot be created shows up as notices from settings and the journal.
      await ensureDataDir(options.dataDir).catch(() => undefined)
    }
    const loaded = await options.settings.load()
    await options.secrets.load()
    const journal = await openJournal({
      file: options.dataDir === null ? null : join(options.dataDir, HISTORY_FILE),
      cap: loaded.settings.preferences.historyCap
    })
    const engine = new Engine({ ...options, receiverOverrides }, loaded.settings, journal)
    engine.addStartupNotices(loaded.notice)
    await engine.migratePasswords()
    if (options.startReceiver !== false) {
      try {
        await engine.serialReceiver(() =>
          engine.restart(engine.receiverConfig, options.portConflict)
        )
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
    return this.events.on(event, listener)
  }

  /** Stops the receiver, cancels pending dispatches and flushes the journal. */
  close(): Promise<void> {
    this.closing ??= this.shutdown()
    return this.closing
  }

  private async shutdown(): Promise<void> {
    await this.publicUrl.stop()
    await this.serialReceiver(() => this.stopRunning())
    for (const p of this.pending.values()) p.controller.abort()
    await Promise.allSettled([...this.pending.values()].map((p) => p.finished))
    this.links.clear()
    await this.journal.close()
    this.events.clear()
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('The engine is closed.')
  }

  receiverStatus(): ReceiverStatus {
    const r = this.running
    if (r) {
      return {
        running: true,
        host: r.host,
        port: r.port,
        url: r.url,
        error: null,
        exposed: !isLoopbackHost(r.host)
      }
    }
    return {
      running: false,
      host: this.receiverConfig.host,
      port: null,
      url: null,
      error: this.receiverError,
      exposed: false
    }
  }

  // -------------------------------------------------------------------------------------------
  // Info, settings, hooks

  /** Makes the receiver reachable from the internet through a tunnel; see PublicUrlService. */
  async startPublic(request: PublicRequest): Promise<PublicStatus> {
    const [req] = parseArgs('startPublic', [request])
    this.assertOpen()
    return this.publicUrl.start(req)
  }

  async stopPublic(): Promise<PublicStatus> {
    parseArgs('stopPublic', [])
    return this.publicUrl.stop()
  }

  async getPublicStatus(): Promise<PublicStatus> {
    parseArgs('getPublicStatus', [])
    return this.publicUrl.status()
  }

  async getInfo(): Promise<AppInfo> {
    parseArgs('getInfo', [])
    return {
      version: APP_VERSION,
      dataDir: this.options.dataDir,
      secretsPersisted: this.options.secrets.persisted,
      historyPersisted: this.journal.persisted,
      receiver: this.receiverStatus(),
      notices: this.notices.list()
    }
  }

  async getSettings(): Promise<Settings> {
    parseArgs('getSettings', [])
    return this.settingsWithPasswords()
  }

  async saveHook(draft: HookDraft): Promise<HookConfig> {
    const [input] = parseArgs('saveHook', [draft])
    const hook = parseOrThrow(HookConfigSchema, { ...input, id: input.id ?? newId('hook') })
    const hooks = this.settings.hooks
    const index = hooks.findIndex((h) => h.id === hook.id)
    // A draft without templates (the hook editor's) keeps the ones the hook has.
    const kept = index === -1 || input.templates !== undefined ? undefined : hooks[index]?.templates
    if (kept !== undefined) hook.templates = kept
    if (index === -1 && hooks.length >= MAX_HOOKS) {
      throw new ValidationError(`At most ${MAX_HOOKS} hooks can be saved.`, 'id')
    }
    const stored = { ...hook, password: '' }
    this.settings = {
      ...this.settings,
      hooks: index === -1 ? [...hooks, stored] : hooks.map((h, i) => (i === index ? stored : h))
    }
    await this.storePassword(hook.id, hook.password)
    await this.persistSettings()
    return { ...hook }
  }

  async deleteHook(id: string): Promise<void> {
    const [hookId] = parseArgs('deleteHook', [id])
    if (!this.settings.hooks.some((h) => h.id === hookId)) {
      throw new ValidationError(`No saved hook has the id "${hookId}".`, 'id')
    }
    const prefs = this.settings.preferences
    this.settings = {
      ...this.settings,
      hooks: this.settings.hooks.filter((h) => h.id !== hookId),
      preferences: prefs.activeHookId === hookId ? { ...prefs, activeHookId: null } : prefs
    }
    await this.storePassword(hookId, '')
    await this.persistSettings()
  }

  async setBehavior(behavior: Behavior): Promise<Behavior> {
    const [next] = parseArgs('setBehavior', [behavior])
    // The receiver reads this on every request, so it applies to the next one.
    this.settings = { ...this.settings, behavior: next }
    await this.persistSettings()
    return structuredClone(next)
  }

  async setPreferences(patch: Partial<Preferences>): Promise<Preferences> {
    const [changes] = parseArgs('setPreferences', [patch])
    const before = this.settings.preferences
    const next = parseOrThrow(PreferencesSchema, { ...before, ...changes })
    this.settings = { ...this.settings, preferences: next }
    if (next.historyCap !== before.historyCap) await this.journal.setCap(next.historyCap)
    await this.persistSettings()
    return { ...next }
  }

  async dismissNotice(id: string): Promise<void> {
    const [noticeId] = parseArgs('dismissNotice', [id])
    this.notices.dismiss(noticeId)
  }

  // -------------------------------------------------------------------------------------------
  // Receiver

  async startReceiver(config: Partial<ReceiverConfig>): Promise<ReceiverStatus> {
    const [changes] = parseArgs('startReceiver', [config])
    return this.serialReceiver(async () => {
      this.assertOpen()
      const next = { ...this.receiverConfig, ...changes }
      this.receiverConfig = next
      if (await this.restart(next, this.options.portConflict)) {
        // Saved only once it runs: a config that cannot start must not break the next launch.
        this.settings = { ...this.settings, receiver: { ...this.settings.receiver, ...changes } }
        await this.persistSettings()
      }
      return this.receiverStatus()
    })
  }

  async stopReceiver(): Promise<ReceiverStatus> {
    parseArgs('stopReceiver', [])
    return this.serialReceiver(async () => {
      await this.stopRunning()
      this.receiverError = null
      this.events.emit('receiver-status', this.receiverStatus())
      return this.receiverStatus()
    })
  }

  /** Whether it now runs; under 'fail' a listen error is thrown instead of reported. */
  private async restart(config: ReceiverConfig, policy: PortConflict): Promise<boolean> {
    await this.stopRunning()
    try {
      this.running = await listenWithPolicy(
        realStartReceiver,
        {
          host: config.host,
          port: config.port,
          bodyLimitBytes: config.bodyLimitBytes,
          getBehavior: () => this.settings.behavior,
          onCapture: (capture) => this.onCapture(capture),
          forward: (request) => this.forwardLeg(request)
        },
        policy
      )
      this.receiverError = null
    } catch (error) {
      this.receiverError = errorMessage(error)
      this.events.emit('receiver-status', this.receiverStatus())
      if (policy === 'fail') throw error
      return false
    }
    const host = this.running.host
    // Threat: on a LAN address anyone on the network can send requests that end up in the
    // history and trigger the configured faults; the user chose it, so it is allowed but told.
    if (!isLoopbackHost(host)) {
      this.raise(
        'warning',
        `The receiver listens on ${host}: other machines on your network can send it requests.`,
        `exposed:${host}`
      )
    }
    this.events.emit('receiver-status', this.receiverStatus())
    return true
  }

  private async stopRunning(): Promise<void> {
    const running = this.running
    this.running = null
    if (running) await running.close()
  }

  private serialReceiver<T>(op: () => Promise<T>): Promise<T> {
    const run = this.receiverChain.then(op, op)
    this.receiverChain = run.catch(() => undefined)
    return run
  }

  /**
   * The forwarding leg: the captured request sent on to the target as an exchange of its own
   * (linked by forwardOf), and the target's answer handed back to the receiver. A target that is
   * the receiver itself is refused: it would forward to itself forever.
   */
  private async forwardLeg(request: ForwardRequest): Promise<ForwardResult> {
    const running = this.running
    if (running && targetsReceiver(new URL(request.url), running)) {
      return {
        exchangeId: null,
        response: null,
        error: `The forwarding target ${request.url} is this receiver itself; forwarding it would loop.`
      }
    }
    const ex = await this.send({
      hook: {
        name: 'Forwarding',
        url: request.url,
        email: '',
        password: '',
        timeoutSeconds: FORWARD_TIMEOUT_S,
        insecureTls: false,
        enabled: true
      },
      event: request.event ?? 'insert',
      body: request.body,
      origin: 'forward',
      forwardOf: request.captureId,
      wire: { method: request.method, extraHeaders: request.headers }
    })
    const complete = ex.response !== null && (ex.error === null || ex.error.kind === 'http-status')
    if (!complete || ex.response === null) {
      const why = ex.error ? `${ex.error.kind}: ${ex.error.message}` : 'no answer'
      return { exchangeId: ex.id, response: null, error: `The target did not answer (${why}).` }
    }
    if (ex.response.truncated) {
      return {
        exchangeId: ex.id,
        response: null,
        error: `The target's answer (${ex.response.bodySize} bytes) is too big to pass on.`
      }
    }
    return {
      exchangeId: ex.id,
      response: {
        status: ex.response.status,
        headers: ex.response.headers,
        body: Buffer.from(ex.response.bodyBase64, 'base64')
      },
      error: null
    }
  }

  /** Every capture is journaled (written, not just queued) before the receiver answers. */
  private async onCapture(capture: Capture): Promise<void> {
    const link = this.links.claim(capture.remotePort, capture.remoteAddress, capture.id)
    const linked: Capture = link ? { ...capture, exchangeId: link.exchangeId } : capture
    const json = await this.journal.append(linked)
    this.checkJournal()
    this.events.emit('capture', linked, json)
    if (link?.exchangeDone) await this.linkLateCapture(link.exchangeId, capture.id)
  }

  /** The capture came in after its exchange had finished (e.g. it timed out first). */
  private async linkLateCapture(exchangeId: string, captureId: string): Promise<void> {
    const entry = this.journal.get(exchangeId)
    if (entry?.type !== 'exchange') return
    const updated: Exchange = { ...entry, captureId }
    const json = await this.journal.replace(updated)
    this.events.emit('exchange-done', updated, json)
  }

  // -------------------------------------------------------------------------------------------
  // Dispatch

  async fire(request: FireRequest): Promise<Exchange> {
    const [req] = parseArgs('fire', [request])
    this.assertOpen()
    const hook = this.resolveHook(req.hookId, req.hook)
    const body = req.rawBody ?? bodyFromTemplate(req.event, hook.templates?.[req.event], req.fields)
    return this.send({
      hook,
      event: req.event,
      body,
      replayOf: req.replayOf ?? null,
      origin: req.replayOf === undefined ? req.origin : 'replay'
    })
  }

  /**
   * Sends one request the way TrialKit would and records it as an exchange: announced when it
   * starts (abortable from then on), journaled and emitted when it has its outcome.
   */
  async send(spec: SendSpec): Promise<Exchange> {
    this.assertOpen()
    const { hook, body } = spec
    const timeoutMs = hook.timeoutSeconds * 1000
    const userAgent = userAgentFor(APP_VERSION)
    const built = buildWireRequest(hook, body, userAgent, spec.wire)
    const started: Exchange = {
      type: 'exchange',
      id: newId('exc'),
      state: 'pending',
      startedAt: new Date().toISOString(),
      hookId: hook.id ?? null,
      hookName: hook.name,
      event: spec.event,
      request: built.ok ? built.request : unsentRequest(hook.url, body),
      response: null,
      error: null,
      timings: { connectMs: null, firstByteMs: null, totalMs: 0 },
      timeoutMs,
      captureId: null,
      replayOf: spec.replayOf ?? null,
      ...(spec.origin === undefined ? {} : { origin: spec.origin }),
      ...(spec.forwardOf === undefined || spec.forwardOf === null
        ? {}
        : { forwardOf: spec.forwardOf })
    }
    const receiver = this.running
    const linkable = built.ok && receiver !== null && targetsReceiver(built.url, receiver)
    const controller = new AbortController()
    let localPort: number | null = null
    const run = async (): Promise<Exchange> => {
      let result: DispatchResult
      try {
        result = await this.dispatchFn({
          target: {
            url: hook.url,
            email: hook.email,
            password: hook.password,
            timeoutMs,
            insecureTls: hook.insecureTls
          },
          body,
          userAgent,
          wire: spec.wire,
          signal: controller.signal,
          onConnect: linkable
            ? (info) => {
                localPort = info.localPort
                this.links.expect(info.localPort, started.id)
              }
            : undefined
        })
      } finally {
        this.pending.delete(started.id)
      }
      const port = localPort ?? (linkable ? result.localPort : null)
      const done: Exchange = {
        ...started,
        state: 'done',
        request: result.request,
        response: result.response,
        error: result.error,
        timings: result.timings,
        captureId: port === null ? null : this.links.settle(port, started.id)
      }
      const json = await this.journal.append(done)
      this.checkJournal()
      this.events.emit('exchange-done', done, json)
      return done
    }
    // Registered and announced before the request leaves, so it can be aborted from the start.
    const finished = Promise.resolve().then(run)
    this.pending.set(started.id, { controller, finished })
    this.events.emit('exchange-started', started)
    return finished
  }

  async abortExchange(id: string): Promise<boolean> {
    const [exchangeId] = parseArgs('abortExchange', [id])
    const pending = this.pending.get(exchangeId)
    if (!pending || pending.controller.signal.aborted) return false
    pending.controller.abort()
    return true
  }

  private resolveHook(hookId: string | undefined, inline: FireHook | undefined): FireHook {
    if (inline) return inline
    const saved = this.settings.hooks.find((h) => h.id === hookId)
    if (!saved) throw new ValidationError(`No saved hook has the id "${hookId}".`, 'hookId')
    return { ...saved, password: this.options.secrets.get(saved.id) ?? '' }
  }

  // -------------------------------------------------------------------------------------------
  // History

  async listHistory(query: HistoryQuery): Promise<HistoryEntry[]> {
    const [{ limit, offset }] = parseArgs('listHistory', [query])
    return this.journal.page(offset, limit)
  }

  async clearHistory(): Promise<void> {
    parseArgs('clearHistory', [])
    await this.journal.clear()
    this.events.emit('history-cleared', null)
  }

  // -------------------------------------------------------------------------------------------
  // Readiness check, scenarios, replay, export and import

  async runCheck(request: CheckRequest): Promise<CheckReport> {
    const [options] = parseArgs('runCheck', [request])
    this.assertOpen()
    return runReadinessCheck(options, (spec) => this.send(spec))
  }

  async saveScenario(draft: ScenarioDraft): Promise<Scenario> {
    const [input] = parseArgs('saveScenario', [draft])
    const scenario = parseOrThrow(ScenarioSchema, { ...input, id: input.id ?? newId('scn') })
    const list = this.settings.scenarios
    const index = list.findIndex((s) => s.id === scenario.id)
    if (index === -1 && list.length >= MAX_SCENARIOS) {
      throw new ValidationError(`At most ${MAX_SCENARIOS} scenarios can be saved.`, 'id')
    }
    this.settings = {
      ...this.settings,
      scenarios:
        index === -1 ? [...list, scenario] : list.map((s, i) => (i === index ? scenario : s))
    }
    await this.persistSettings()
    return structuredClone(scenario)
  }

  async deleteScenario(id: string): Promise<void> {
    const [scenarioId] = parseArgs('deleteScenario', [id])
    if (!this.settings.scenarios.some((s) => s.id === scenarioId)) {
      throw new ValidationError(`No saved scenario has the id "${scenarioId}".`, 'id')
    }
    this.settings = {
      ...this.settings,
      scenarios: this.settings.scenarios.filter((s) => s.id !== scenarioId)
    }
    await this.persistSettings()
  }

  async replay(request: ReplayRequest): Promise<Exchange> {
    const [req] = parseArgs('replay', [request])
    this.assertOpen()
    const source = this.journal.get(req.sourceId)
    if (!source) {
      throw new ValidationError(
        `No exchange or capture in the history has the id "${req.sourceId}".`,
        'sourceId'
      )
    }
    const hooks = this.settings.hooks.map((h) => ({
      ...h,
      password: this.options.secrets.get(h.id) ?? ''
    }))
    return this.send(planReplay(source, req, { hooks, receiverUrl: this.running?.url ?? null }))
  }

  async exportHar(request: ExportRequest): Promise<string> {
    const [req] = parseArgs('exportHar', [request])
    const har = entriesToHar(this.chosenEntries(req.ids), {
      includeSecrets: req.includeSecrets,
      appVersion: APP_VERSION
    })
    return `${JSON.stringify(har, null, 2)}\n`
  }

  async exportBundle(request: ExportRequest): Promise<string> {
    const [req] = parseArgs('exportBundle', [request])
    const entries = this.chosenEntries(req.ids)
    const behavior = structuredClone(this.settings.behavior)
    if (!req.includeSecrets && behavior.expectedAuth) {
      behavior.expectedAuth = { ...behavior.expectedAuth, password: '' }
    }
    const bundle: Bundle = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      createdAt: new Date().toISOString(),
      appVersion: APP_VERSION,
      hooks: this.settings.hooks.map((h) => ({ ...h, password: '' })),
      behavior,
      scenarios: structuredClone(this.settings.scenarios),
      history: req.includeSecrets ? entries : entries.map(redactEntry)
    }
    return `${JSON.stringify(bundle, null, 2)}\n`
  }

  /** The entries asked for (all when no ids), oldest first; unknown ids are an error. */
  private chosenEntries(ids: readonly string[] | undefined): HistoryEntry[] {
    if (ids === undefined) return this.journal.entries()
    const chosen: HistoryEntry[] = []
    for (const id of ids) {
      const entry = this.journal.get(id)
      if (!entry) throw new ValidationError(`No history entry has the id "${id}".`, 'ids')
      chosen.push(entry)
    }
    return chosen.sort((a, b) => entryTime(a).localeCompare(entryTime(b)))
  }

  async importFile(request: ImportRequest): Promise<ImportSummary> {
    const [req] = parseArgs('importFile', [request])
    this.assertOpen()
    const plan = parseImport(req.text)
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
    if (this.settings.hooks.length + bundle.hooks.length > MAX_HOOKS) {
      throw new ValidationError(
        `The bundle has ${bundle.hooks.length} hooks; with the ${this.settings.hooks.length} saved here that is over ${MAX_HOOKS}.`,
        'hooks'
      )
    }
    if (this.settings.scenarios.length + bundle.scenarios.length > MAX_SCENARIOS) {
      throw new ValidationError(
        `The bundle has ${bundle.scenarios.length} scenarios; with the ${this.settings.scenarios.length} saved here that is over ${MAX_SCENARIOS}.`,
        'scenarios'
      )
    }
    const hookIds = new Set(this.settings.hooks.map((h) => h.id))
    const hooks = bundle.hooks.map((h) => ({ ...h, id: hookIds.has(h.id) ? newId('hook') : h.id }))
    const scenarioIds = new Set(this.settings.scenarios.map((s) => s.id))
    const scenarios = bundle.scenarios.map((s) => ({
      ...s,
      id: scenarioIds.has(s.id) ? newId('scn') : s.id
    }))
    this.settings = {
      ...this.settings,
      hooks: [...this.settings.hooks, ...hooks],
      behavior: bundle.behavior,
      scenarios: [...this.settings.scenarios, ...scenarios]
    }
    await this.persistSettings()
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

  /** Adds imported entries to the history (ids kept unless taken) and shows them live. */
  private async importEntries(entries: readonly HistoryEntry[]): Promise<number> {
    const remapped = remapIds(entries, (id) => this.journal.has(id)).map((e): HistoryEntry => ({
      ...e,
      imported: true
    }))
    await Promise.all(remapped.map((e) => this.journal.append(e)))
    this.checkJournal()
    for (const e of remapped) {
      if (e.type === 'capture') this.events.emit('capture', e)
      else this.events.emit('exchange-done', e)
    }
    return remapped.length
  }

  // -------------------------------------------------------------------------------------------
  // Notices and persistence

  /** Adds a notice to getInfo and emits it. */
  private raise(level: Notice['level'], message: string, key?: string): void {
    const notice = this.notices.raise(level, message, key)
    if (notice) this.events.emit('notice', notice)
  }

  /** Collects the notices of the start (settings file, secrets, journal). */
  private addStartupNotices(settingsNotice: Notice | null): void {
    if (settingsNotice) this.notices.add(settingsNotice)
    if (this.options.secrets.notice) this.notices.add(this.options.secrets.notice)
    const report = this.journal.loadReport
    if (report.error) {
      this.historyFailureNoticed = true
      this.notices.raise('warning', `History is kept in memory only: ${report.error}`)
    }
    if (report.skipped > 0) {
      this.notices.raise('info', `${report.skipped} unreadable history line(s) were skipped.`)
    }
  }

  /** Passwords found in a settings file (e.g. edited by hand) move to the secret store. */
  private async migratePasswords(): Promise<void> {
    const withPassword = this.settings.hooks.filter((h) => h.password !== '')
    if (withPassword.length === 0) return
    for (const hook of withPassword) {
      if (this.options.secrets.get(hook.id) === undefined) {
        await this.storePassword(hook.id, hook.password)
      }
    }
    this.settings = {
      ...this.settings,
      hooks: this.settings.hooks.map((h) => ({ ...h, password: '' }))
    }
    await this.persistSettings()
  }

  private checkJournal(): void {
    if (this.journal.persisted || this.historyFailureNoticed || !this.options.dataDir) return
    this.historyFailureNoticed = true
    const reason = this.journal.loadReport.error ?? 'the history file could not be written'
    this.raise('warning', `History is kept in memory only: ${reason}`)
  }

  private settingsWithPasswords(): Settings {
    const copy = structuredClone(this.settings)
    for (const hook of copy.hooks) hook.password = this.options.secrets.get(hook.id) ?? ''
    return copy
  }

  private where(): string {
    return this.options.dataDir ?? 'the settings store'
  }

  private async storePassword(hookId: string, password: string): Promise<void> {
    try {
      if (password === '') await this.options.secrets.delete(hookId)
      else await this.options.secrets.set(hookId, password)
    } catch (error) {
      this.raise(
        'warning',
        `Hook passwords could not be saved to ${this.where()}: ${errorMessage(error)}; they are kept until you quit.`,
        'secrets-save'
      )
    }
  }

  /** Saves the settings; a failure keeps the change in memory and tells the user once. */
  private async persistSettings(): Promise<void> {
    try {
      await this.options.settings.save(this.settings)
    } catch (error) {
      this.raise(
        'warning',
        `Settings could not be saved to ${this.where()}: ${errorMessage(error)}; changes are kept until you quit.`,
        'settings-save'
      )
    }
    this.events.emit('settings-changed', this.settingsWithPasswords())
  }
}

/**
 * Builds the engine from its parts: settings and secrets loaded, the journal opened with the
 * saved history cap, and (by default) the receiver started. Under the 'fail' policy a receiver
 * that cannot listen makes this throw the ReceiverListenError, after releasing what it opened.
 */
export function createEngine(options: EngineOptions): Promise<Engine> {
  return Engine.create(options)
}

/**
 * The engine for headless use (CLI `listen`/`serve`, tests): settings.json and an owner-only
 * secrets.json in the data directory, or everything in memory when dataDir is null.
 */
export async function createHeadlessEngine(options: {
  dataDir: string | null
  portConflict?: PortConflict
  startReceiver?: boolean
  receiverOverrides?: Partial<ReceiverConfig>
}): Promise<Engine> {
  const { dataDir } = options
  return createEngine({
    dataDir,
    settings: new FileSettingsPort(dataDir),
    secrets: dataDir === null ? new MemorySecretStore(null) : new FileSecretStore(dataDir),
    portConflict: options.portConflict ?? 'fail',
    startReceiver: options.startReceiver,
    receiverOverrides: options.receiverOverrides
  })
}
