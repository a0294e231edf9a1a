import { z } from 'zod'
import { PublicRequestSchema, type PublicRequest, type PublicStatus } from './public-url'
import { CheckRequestSchema, type CheckReport, type CheckRequest } from './check'
import { ReplayRequestSchema, type ReplayRequest } from './replay'
import {
  ExportRequestSchema,
  ImportRequestSchema,
  type ExportRequest,
  type ImportRequest,
  type ImportSummary
} from './sharing'
import {
  BehaviorSchema,
  FireRequestSchema,
  HistoryQuerySchema,
  HookDraftSchema,
  IdSchema,
  PreferencesPatchSchema,
  ScenarioDraftSchema,
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
  type Settings
} from './schemas'

/**
 * The one API contract. The engine implements it; the IPC transport (preload) and the HTTP
 * transport (control server + renderer bridge) expose it unchanged, so the UI never knows which
 * one it has. Every method takes positional arguments validated by `API_ARGS` at each boundary.
 */
export interface HookInspectorApi {
  /** Version, data directory, receiver status, persistence state and notices. */
  getInfo(): Promise<AppInfo>
  /** Hooks (with passwords), behaviour, receiver config and preferences. */
  getSettings(): Promise<Settings>
  /** Creates a hook (no id) or replaces the one with this id. */
  saveHook(draft: HookDraft): Promise<HookConfig>
  deleteHook(id: string): Promise<void>
  /** Replaces the receiver behaviour; applies to the next request. */
  setBehavior(behavior: Behavior): Promise<Behavior>
  setPreferences(patch: Partial<Preferences>): Promise<Preferences>
  /** (Re)starts the receiver, optionally on another port/host; the config is saved. */
  startReceiver(config: Partial<ReceiverConfig>): Promise<ReceiverStatus>
  stopReceiver(): Promise<ReceiverStatus>
  /** Fires an event and resolves when the dispatch has an outcome (success or ProtocolError). */
  fire(request: FireRequest): Promise<Exchange>
  /** Cancels a pending dispatch; false when it was not pending. */
  abortExchange(id: string): Promise<boolean>
  /** History, newest first. */
  listHistory(query: HistoryQuery): Promise<HistoryEntry[]>
  clearHistory(): Promise<void>
  dismissNotice(id: string): Promise<void>
  /** Runs the endpoint readiness check (a bounded number of requests); each is in the history. */
  runCheck(request: CheckRequest): Promise<CheckReport>
  /** Creates a scenario (no id) or replaces the one with this id. */
  saveScenario(draft: ScenarioDraft): Promise<Scenario>
  deleteScenario(id: string): Promise<void>
  /** Re-sends an exchange or capture, as it was or edited; the new exchange links back. */
  replay(request: ReplayRequest): Promise<Exchange>
  /** HAR 1.2 (JSON text) of the chosen history entries or all of them. */
  exportHar(request: ExportRequest): Promise<string>
  /** A support bundle (JSON text): hooks without passwords, behaviour, scenarios, history. */
  exportBundle(request: ExportRequest): Promise<string>
  /** Imports a HAR file or a support bundle; a bad file changes nothing. */
  importFile(request: ImportRequest): Promise<ImportSummary>
  /** Makes the receiver reachable from the internet through a tunnel (ssh, ngrok, cloudflared). */
  startPublic(request: PublicRequest): Promise<PublicStatus>
  /** Closes the tunnel; the receiver keeps running on loopback. */
  stopPublic(): Promise<PublicStatus>
  /** Whether the receiver is public, and at which URL. */
  getPublicStatus(): Promise<PublicStatus>
}

export type ApiMethod = keyof HookInspectorApi

/** Argument schemas of every method: the single source for validation at each transport. */
export const API_ARGS = {
  getInfo: z.tuple([]),
  getSettings: z.tuple([]),
  saveHook: z.tuple([HookDraftSchema]),
  deleteHook: z.tuple([IdSchema]),
  setBehavior: z.tuple([BehaviorSchema]),
  setPreferences: z.tuple([PreferencesPatchSchema]),
  startReceiver: z.tuple([StartReceiverSchema]),
  stopReceiver: z.tuple([]),
  fire: z.tuple([FireRequestSchema]),
  abortExchange: z.tuple([IdSchema]),
  listHistory: z.tuple([HistoryQuerySchema]),
  clearHistory: z.tuple([]),
  dismissNotice: z.tuple([IdSchema]),
  runCheck: z.tuple([CheckRequestSchema]),
  saveScenario: z.tuple([ScenarioDraftSchema]),
  deleteScenario: z.tuple([IdSchema]),
  replay: z.tuple([ReplayRequestSchema]),
  exportHar: z.tuple([ExportRequestSchema]),
  exportBundle: z.tuple([ExportRequestSchema]),
  importFile: z.tuple([ImportRequestSchema]),
  startPublic: z.tuple([PublicRequestSchema]),
  stopPublic: z.tuple([]),
  getPublicStatus: z.tuple([])
} satisfies Record<ApiMethod, z.ZodType>

export const API_METHODS = Object.keys(API_ARGS) as ApiMethod[]

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(API_ARGS, name)
}

/** Live events the engine emits, by name. */
export interface EngineEvents {
  capture: Capture
  'exchange-started': Exchange
  'exchange-done': Exchange
  'receiver-status': ReceiverStatus
  'history-cleared': null
  'settings-changed': Settings
  notice: Notice
  'public-status': PublicStatus
}
export type EngineEventName = keyof EngineEvents
export { ENGINE_EVENT_NAMES } from './ipc-names'

/** One event as transports carry it (in batches). */
export type EngineEvent = {
  [K in EngineEventName]: { type: K; data: EngineEvents[K] }
}[EngineEventName]

export type Unsubscribe = () => void

/** What the renderer talks to: the API plus live events. The preload exposes exactly this. */
export interface HookInspectorBridge extends HookInspectorApi {
  on<K extends EngineEventName>(event: K, listener: (data: EngineEvents[K]) => void): Unsubscribe
}

/** Names the preload exposes on `window.hookInspector`. */
export const BRIDGE_NAMES: readonly string[] = [...API_METHODS, 'on']

/** IPC channel names (Electron transport), kept in ipc-names.ts for the zod-free preload. */
export { IPC_EVENTS_CHANNEL, IPC_INVOKE_PREFIX } from './ipc-names'

/** The JSON shape of a failed call on either transport. */
export interface ApiErrorBody {
  error: { message: string; field: string | null }
}
