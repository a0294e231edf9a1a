import type { z } from 'zod'
import { CapacityRequestSchema } from './capacity'
import { CheckRequestSchema, type CheckReport } from './check'
import type { DecodedBody } from './decoded-body'
import type { HistoryPage } from './history-page'
import { PublicRequestSchema, type PublicStatus } from './public-url'
import { ReplayRequestSchema } from './replay'
import { ExportRequestSchema, ImportRequestSchema, type ImportSummary } from './sharing'
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
  type CapacityRun,
  type Exchange,
  type HistoryEntry,
  type HookConfig,
  type Preferences,
  type ReceiverStatus,
  type Scenario,
  type Settings
} from './schemas'

/** What a method resolves with: a type only, nothing is checked at run time. */
export interface Result<T> {
  readonly resultType?: T
}
function returns<T>(): Result<T> {
  return {}
}

/** One named positional parameter: its name (used in messages) and its schema. */
export type Param = readonly [name: string, schema: z.ZodType]

/** One method of the API: its parameters in order and what it resolves with. */
export interface MethodSpec {
  readonly params: readonly Param[]
  readonly result: Result<unknown>
}

/**
 * The API, written once. Every transport is derived from this table in a loop: the engine
 * implements it (HookInspectorApi is its type), the Electron main process registers one IPC
 * channel per method (`hook-inspector:<name>`), the preload exposes one function per method, the
 * control server answers `POST /api/<name>` and the HTTP bridge calls it. One checker
 * (api-check.ts) validates a call's arguments against `params` on every transport and in the engine.
 *
 * Adding a method: add it here, implement it in the engine, use it in the UI.
 */
export const API_TABLE = {
  /** Version, data directory, receiver status, persistence state and notices. */
  getInfo: { params: [], result: returns<AppInfo>() },
  /** Hooks (with passwords), behaviour, receiver config and preferences. */
  getSettings: { params: [], result: returns<Settings>() },
  /** Creates a hook (no id) or replaces the one with this id. */
  saveHook: { params: [['hook', HookDraftSchema]], result: returns<HookConfig>() },
  deleteHook: { params: [['id', IdSchema]], result: returns<void>() },
  /** Replaces the receiver behaviour; applies to the next request. */
  setBehavior: { params: [['behavior', BehaviorSchema]], result: returns<Behavior>() },
  setPreferences: {
    params: [['preferences', PreferencesPatchSchema]],
    result: returns<Preferences>()
  },
  /** (Re)starts the receiver, optionally on another port/host; the config is saved. */
  startReceiver: { params: [['config', StartReceiverSchema]], result: returns<ReceiverStatus>() },
  stopReceiver: { params: [], result: returns<ReceiverStatus>() },
  /** Fires an event and resolves when the dispatch has an outcome (success or ProtocolError). */
  fire: { params: [['request', FireRequestSchema]], result: returns<Exchange>() },
  /** Cancels a pending dispatch; false when it was not pending. */
  abortExchange: { params: [['id', IdSchema]], result: returns<boolean>() },
  /**
   * History, newest first: at most `limit` entries and at most a few MiB of JSON (a page can be
   * shorter than `limit` while older entries remain; historyPage says so).
   */
  listHistory: { params: [['query', HistoryQuerySchema]], result: returns<HistoryEntry[]>() },
  /** The same page as listHistory, with `more` telling whether older entries follow it. */
  historyPage: { params: [['query', HistoryQuerySchema]], result: returns<HistoryPage>() },
  clearHistory: { params: [], result: returns<void>() },
  /**
   * A capture's body sent with a Content-Encoding, decoded now: only the raw bytes are stored.
   * Up to 8 MiB is sent, with the whole decoded size; over 64 MiB decoded, it is refused.
   */
  decodeBody: { params: [['captureId', IdSchema]], result: returns<DecodedBody>() },
  dismissNotice: { params: [['id', IdSchema]], result: returns<void>() },
  /** Runs the endpoint readiness check (a bounded number of requests); each is in the history. */
  runCheck: { params: [['request', CheckRequestSchema]], result: returns<CheckReport>() },
  /** Creates a scenario (no id) or replaces the one with this id. */
  saveScenario: { params: [['scenario', ScenarioDraftSchema]], result: returns<Scenario>() },
  deleteScenario: { params: [['id', IdSchema]], result: returns<void>() },
  /** Re-sends an exchange or capture, as it was or edited; the new exchange links back. */
  replay: { params: [['request', ReplayRequestSchema]], result: returns<Exchange>() },
  /** HAR 1.2 (JSON text) of the chosen history entries or all of them. */
  exportHar: { params: [['request', ExportRequestSchema]], result: returns<string>() },
  /** A support bundle (JSON text): hooks without passwords, behaviour, scenarios, history. */
  exportBundle: { params: [['request', ExportRequestSchema]], result: returns<string>() },
  /** Imports a HAR file or a support bundle; a bad file changes nothing. */
  importFile: { params: [['request', ImportRequestSchema]], result: returns<ImportSummary>() },
  /**
   * Runs a capacity check (progress as `capacity-progress` events) and resolves with the run,
   * recorded as one history entry; a URL not on this machine needs `confirmed`.
   */
  runCapacity: { params: [['request', CapacityRequestSchema]], result: returns<CapacityRun>() },
  /** Stops the running capacity check at once (it reports what it has); false when none runs. */
  stopCapacity: { params: [], result: returns<boolean>() },
  /** Makes the receiver reachable from the internet through a tunnel (ssh, ngrok, cloudflared). */
  startPublic: { params: [['request', PublicRequestSchema]], result: returns<PublicStatus>() },
  /** Closes the tunnel; the receiver keeps running on loopback. */
  stopPublic: { params: [], result: returns<PublicStatus>() },
  /** Whether the receiver is public, and at which URL. */
  getPublicStatus: { params: [], result: returns<PublicStatus>() },
  /**
   * The user's explicit choice of anonymous access: a receiver that is public or listens beyond
   * loopback may then run, and go on, without expected credentials (for this run).
   */
  allowAnonymous: { params: [], result: returns<void>() }
} as const satisfies Record<string, MethodSpec>

export type ApiTable = typeof API_TABLE
export type ApiMethod = keyof ApiTable

type InputsOf<P> = {
  -readonly [I in keyof P]: P[I] extends readonly [string, infer S extends z.ZodType]
    ? z.input<S>
    : never
}
type OutputsOf<P> = {
  -readonly [I in keyof P]: P[I] extends readonly [string, infer S extends z.ZodType]
    ? z.output<S>
    : never
}

/** A method's arguments as a caller passes them (defaults may be left out). */
export type ApiArgs<M extends ApiMethod> = InputsOf<ApiTable[M]['params']>

/** A method's arguments once checked (defaults applied). */
export type CheckedArgs<M extends ApiMethod> = OutputsOf<ApiTable[M]['params']>

export type ApiResult<M extends ApiMethod> =
  ApiTable[M]['result'] extends Result<infer T> ? T : never

// No method resolves with null: over HTTP, null is how "resolves with nothing" travels.
type NullResult = { [M in ApiMethod]: null extends ApiResult<M> ? M : never }[ApiMethod]
const noNullResult: [NullResult] extends [never] ? true : NullResult = true
void noNullResult

/**
 * The API as an interface, derived from the table (each member keeps the table's doc comment).
 * Members are method signatures, so an implementation may declare a parameter by its checked
 * type (e.g. Behavior rather than what a caller may leave out of it).
 */
export type HookInspectorApi = {
  [M in ApiMethod]: { call(...args: ApiArgs<M>): Promise<ApiResult<M>> }['call']
}

export const API_METHODS = Object.keys(API_TABLE) as ApiMethod[]

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(API_TABLE, name)
}
