import type {
  EngineEvent,
  EngineEventName,
  EngineEvents,
  HookInspectorBridge,
  Unsubscribe
} from '@shared/api'
import { checkEveryCall } from '@shared/api-check'
import type { HistoryPage } from '@shared/history-page'
import { defaultSettings } from '@shared/defaults'
import { EventBatcher } from '@shared/event-batcher'
import type {
  AppInfo,
  Behavior,
  CapacityRun,
  Exchange,
  FireRequest,
  HistoryEntry,
  HookConfig,
  HookDraft,
  Preferences,
  ReceiverConfig,
  ReceiverStatus,
  Settings
} from '@shared/schemas'
import { HookDraftSchema, ScenarioSchema } from '@shared/schemas'
import type { Scenario, ScenarioDraft } from '@shared/schemas'
import type { CapacityRequest } from '@shared/capacity'
import type { CheckReport, CheckRequest } from '@shared/check'
import type { DecodedBody } from '@shared/decoded-body'
import type { ReplayRequest } from '@shared/replay'
import { redactedReplayProblem } from '@shared/replay-credentials'
import type { ExportRequest, ImportRequest, ImportSummary } from '@shared/sharing'
import type { PublicRequest, PublicStatus } from '@shared/public-url'
import type { HookEvent } from '@shared/trialkit'
import { ValidationError } from '@shared/validation'
import { makeExchange } from './builders'

export interface Call {
  method: string
  args: unknown[]
}

type BatchListener = (events: EngineEvent[]) => void

/** How the fake collects emitted events into batches, as the main process and `serve` do. */
export const FAKE_BATCH_MS = 50

/**
 * An in-memory HookInspectorBridge: records every call, keeps settings and history like the
 * engine would, and lets a test push live events and decide what `fire` resolves with.
 */
export class FakeBridge implements HookInspectorBridge {
  calls: Call[] = []
  settings: Settings = defaultSettings()
  /** Newest first, as listHistory returns it. */
  history: HistoryEntry[] = []
  receiver: ReceiverStatus = {
    running: true,
    host: '127.0.0.1',
    port: 4700,
    url: 'http://127.0.0.1:4700/',
    error: null,
    exposed: false
  }
  version = '9.9.9'
  notices: AppInfo['notices'] = []
  fireImpl: (request: FireRequest) => Promise<Exchange> = () =>
    Promise.reject(new Error('fire is not scripted in this test'))
  private listeners = new Set<BatchListener>()
  private batcher = new EventBatcher<EngineEvent>((batch) => this.emitBatch(batch), FAKE_BATCH_MS)
  private seq = 0

  constructor() {
    // Bad calls are refused as the engine and every transport refuse them (the one checker).
    checkEveryCall(this, 'given')
  }

  protected log(method: string, args: unknown[]): void {
    this.calls.push({ method, args })
  }

  callsOf(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args)
  }

  listenerCount(): number {
    return this.listeners.size
  }

  /** Queues one event; it is delivered with the others of its interval, as one batch. */
  emit<K extends EngineEventName>(type: K, data: EngineEvents[K]): void {
    this.batcher.push({ type, data } as EngineEvent)
  }

  /** Delivers a batch now, whole. */
  emitBatch(events: EngineEvent[]): void {
    for (const listener of [...this.listeners]) listener(events)
  }

  async getInfo(): Promise<AppInfo> {
    this.log('getInfo', [])
    return {
      version: this.version,
      dataDir: '/tmp/fake',
      secretsPersisted: true,
      historyPersisted: true,
      receiver: this.receiver,
      notices: this.notices
    }
  }

  async getSettings(): Promise<Settings> {
    this.log('getSettings', [])
    return structuredClone(this.settings)
  }

  async saveHook(draft: HookDraft): Promise<HookConfig> {
    this.log('saveHook', [draft])
    const parsed = HookDraftSchema.parse(draft)
    const hook: HookConfig = { ...parsed, id: parsed.id ?? `hook_new_${++this.seq}` }
    const i = this.settings.hooks.findIndex((h) => h.id === hook.id)
    if (i === -1) this.settings.hooks.push(hook)
    else this.settings.hooks[i] = hook
    return hook
  }

  async deleteHook(id: string): Promise<void> {
    this.log('deleteHook', [id])
    if (!this.settings.hooks.some((h) => h.id === id)) {
      throw new ValidationError(`No saved hook has the id "${id}".`, 'id')
    }
    this.settings.hooks = this.settings.hooks.filter((h) => h.id !== id)
  }

  async setBehavior(behavior: Behavior): Promise<Behavior> {
    this.log('setBehavior', [behavior])
    this.settings.behavior = structuredClone(behavior)
    return structuredClone(behavior)
  }

  async setPreferences(patch: Partial<Preferences>): Promise<Preferences> {
    this.log('setPreferences', [patch])
    this.settings.preferences = { ...this.settings.preferences, ...patch }
    return { ...this.settings.preferences }
  }

  async startReceiver(config: Partial<ReceiverConfig>): Promise<ReceiverStatus> {
    this.log('startReceiver', [config])
    const port = config.port ?? this.receiver.port ?? 4700
    const host = config.host ?? this.receiver.host
    this.receiver = {
      running: true,
      host,
      port,
      url: `http://${host}:${port}/`,
      error: null,
      exposed: host !== '127.0.0.1'
    }
    return this.receiver
  }

  async stopReceiver(): Promise<ReceiverStatus> {
    this.log('stopReceiver', [])
    this.receiver = { ...this.receiver, running: false, url: null, port: null }
    return this.receiver
  }

  /** Like the engine, announces the exchange it resolves with as `exchange-done` first. */
  async fire(request: FireRequest): Promise<Exchange> {
    this.log('fire', [request])
    return this.announced(request.exchangeId, await this.fireImpl(request))
  }

  /**
   * The scripted exchange as the engine would give it: with the id the caller chose, and
   * delivered as `exchange-done` before the call that sent it resolves (at once, in a batch of
   * its own, so a test sees the outcome as soon as the call has ended).
   */
  private announced(exchangeId: string | undefined, scripted: Exchange): Exchange {
    const exchange = exchangeId === undefined ? scripted : { ...scripted, id: exchangeId }
    this.emitBatch([{ type: 'exchange-done', data: exchange }])
    return exchange
  }

  async abortExchange(id: string): Promise<boolean> {
    this.log('abortExchange', [id])
    return true
  }

  async listHistory(query: { limit?: number; offset?: number }): Promise<HistoryEntry[]> {
    this.log('listHistory', [query])
    const offset = query.offset ?? 0
    return this.history.slice(offset, offset + (query.limit ?? this.history.length))
  }

  /** Decoded views by capture id, as the engine would make them. */
  decodedBodies = new Map<string, DecodedBody>()

  async decodeBody(captureId: string): Promise<DecodedBody> {
    this.log('decodeBody', [captureId])
    const decoded = this.decodedBodies.get(captureId)
    if (!decoded) {
      throw new ValidationError(`No capture in the history has the id "${captureId}".`, 'captureId')
    }
    return decoded
  }

  /** The page listHistory gives (logged as a listHistory call), and whether older entries follow. */
  async historyPage(query: { limit?: number; offset?: number }): Promise<HistoryPage> {
    const entries = await this.listHistory(query)
    return { entries, more: (query.offset ?? 0) + entries.length < this.history.length }
  }

  async clearHistory(): Promise<void> {
    this.log('clearHistory', [])
    this.history = []
  }

  async dismissNotice(id: string): Promise<void> {
    this.log('dismissNotice', [id])
    this.notices = this.notices.filter((n) => n.id !== id)
  }

  runCheckImpl: (request: CheckRequest) => Promise<CheckReport> = () =>
    Promise.reject(new Error('runCheck is not scripted in this test'))

  async runCheck(request: CheckRequest): Promise<CheckReport> {
    this.log('runCheck', [request])
    return this.runCheckImpl(request)
  }

  async saveScenario(draft: ScenarioDraft): Promise<Scenario> {
    this.log('saveScenario', [draft])
    const scenario = ScenarioSchema.parse({ ...draft, id: draft.id ?? `scn_${++this.seq}` })
    const list = this.settings.scenarios.filter((s) => s.id !== scenario.id)
    this.settings = { ...this.settings, scenarios: [...list, scenario] }
    return scenario
  }

  async deleteScenario(id: string): Promise<void> {
    this.log('deleteScenario', [id])
    if (!this.settings.scenarios.some((s) => s.id === id)) {
      throw new ValidationError(`No saved scenario has the id "${id}".`, 'id')
    }
    const scenarios = this.settings.scenarios.filter((s) => s.id !== id)
    this.settings = { ...this.settings, scenarios }
  }

  replayImpl: (request: ReplayRequest) => Promise<Exchange> = () =>
    Promise.reject(new Error('replay is not scripted in this test'))

  /**
   * Answers every re-send as the engine does: a new exchange, under the id its caller chose,
   * that replays its source. `patch` (or a function of the request) changes the answer.
   */
  answerReplays(
    patch: Partial<Exchange> | ((request: ReplayRequest) => Partial<Exchange>) = {},
    event: HookEvent = 'insert'
  ): void {
    this.replayImpl = async (request) =>
      makeExchange(
        {
          id: request.exchangeId ?? 'ex_replayed',
          replayOf: request.sourceId,
          origin: 'replay',
          ...(typeof patch === 'function' ? patch(request) : patch)
        },
        event
      )
  }

  /** Refuses a re-send that would send a secret redacted on export, as the engine does. */
  async replay(request: ReplayRequest): Promise<Exchange> {
    this.log('replay', [request])
    const source = this.history.find((e) => e.id === request.sourceId)
    if (source && source.type !== 'capacity') {
      const problem = redactedReplayProblem(source, request, this.settings.hooks)
      if (problem) throw new ValidationError(problem.message, problem.field)
    }
    return this.announced(request.exchangeId, await this.replayImpl(request))
  }

  exportText = '{}'

  async exportHar(request: ExportRequest): Promise<string> {
    this.log('exportHar', [request])
    return this.exportText
  }

  async exportBundle(request: ExportRequest): Promise<string> {
    this.log('exportBundle', [request])
    return this.exportText
  }

  importImpl: (request: ImportRequest) => Promise<ImportSummary> = () =>
    Promise.reject(new Error('importFile is not scripted in this test'))

  async importFile(request: ImportRequest): Promise<ImportSummary> {
    this.log('importFile', [request])
    return this.importImpl(request)
  }

  publicStatus: PublicStatus = {
    state: 'off',
    provider: null,
    target: null,
    url: null,
    reason: null,
    failure: null,
    since: '2026-01-01T00:00:00.000Z'
  }

  startPublicImpl: (request: PublicRequest) => Promise<PublicStatus> = () =>
    Promise.reject(new Error('startPublic is not scripted in this test'))

  async startPublic(request: PublicRequest): Promise<PublicStatus> {
    this.log('startPublic', [request])
    this.publicStatus = await this.startPublicImpl(request)
    return this.publicStatus
  }

  async stopPublic(): Promise<PublicStatus> {
    this.log('stopPublic', [])
    this.publicStatus = { ...this.publicStatus, state: 'off', url: null }
    return this.publicStatus
  }

  async allowAnonymous(): Promise<void> {
    this.log('allowAnonymous', [])
    this.anonymousAllowed = true
  }

  /** Whether allowAnonymous was called. */
  anonymousAllowed = false

  async getPublicStatus(): Promise<PublicStatus> {
    this.log('getPublicStatus', [])
    return this.publicStatus
  }

  runCapacityImpl: (request: CapacityRequest) => Promise<CapacityRun> = () =>
    Promise.reject(new Error('runCapacity is not scripted in this test'))

  async runCapacity(request: CapacityRequest): Promise<CapacityRun> {
    this.log('runCapacity', [request])
    return this.runCapacityImpl(request)
  }

  async stopCapacity(): Promise<boolean> {
    this.log('stopCapacity', [])
    return false
  }

  onBatch(listener: BatchListener): Unsubscribe {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }
}
