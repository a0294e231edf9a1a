import type { ExportRequest } from './sharing'
import { API_METHODS, type HookInspectorApi } from './api-table'
import type { ListedEventName } from './ipc-names'
import type { CapacityProgress } from './capacity'
import type { PublicStatus } from './public-url'
import type { CapacityRun, Capture, Exchange, Notice, ReceiverStatus, Settings } from './schemas'

/**
 * The one API contract, a table of methods (api-table.ts). The engine implements it; the IPC
 * transport (preload) and the HTTP transport (control server + renderer bridge) are derived from
 * the table and expose it unchanged, so the UI never knows which one it has. Every method takes
 * positional arguments, checked by the one checker (api-check.ts) at each boundary.
 */
export {
  API_METHODS,
  API_TABLE,
  isApiMethod,
  type ApiArgs,
  type ApiMethod,
  type ApiResult,
  type CheckedArgs,
  type HookInspectorApi
} from './api-table'

/** Live events the engine emits, by name. */
export interface EngineEvents {
  capture: Capture
  /** A capture recorded earlier, now known to be unfinished (the caller left before the answer). */
  'capture-updated': Capture
  'exchange-started': Exchange
  'exchange-done': Exchange
  'receiver-status': ReceiverStatus
  'history-cleared': null
  'settings-changed': Settings
  notice: Notice
  'capacity-progress': CapacityProgress
  'capacity-done': CapacityRun
  'public-status': PublicStatus
  /** A notice whose condition is over (e.g. history writes work again): take it away. */
  'notice-cleared': { id: string }
}
export type EngineEventName = keyof EngineEvents
export { ENGINE_EVENT_NAMES, isEngineEvent } from './ipc-names'

/** The zod-free event list in ipc-names.ts matches the contract exactly, or this fails to compile. */
const namesMatch: Same<ListedEventName, EngineEventName> = true
void namesMatch

/** One event as transports carry it (in batches). */
export type EngineEvent = {
  [K in EngineEventName]: { type: K; data: EngineEvents[K] }
}[EngineEventName]

export type Unsubscribe = () => void

/** What the renderer talks to: the API plus live events. The preload exposes exactly this. */
export interface HookInspectorBridge extends HookInspectorApi {
  /**
   * Live events, a batch at a time: each batch as the engine's side sent it (over IPC, or as one
   * Server-Sent Events message), never split, in the order the events happened.
   */
  onBatch(listener: (events: EngineEvent[]) => void): Unsubscribe
  /**
   * Where the transport streams exports (the HTTP bridge): HAR or a bundle as a file's content,
   * never one string in the page, so a history larger than a string can hold still downloads.
   */
  downloadExport?(format: 'har' | 'bundle', request: ExportRequest): Promise<Blob>
}

/** Names the preload exposes on `window.hookInspector`. */
export const BRIDGE_NAMES: readonly string[] = [...API_METHODS, 'onBatch']

/** IPC channel names (Electron transport), kept in ipc-names.ts for the zod-free preload. */
export { IPC_EVENTS_CHANNEL, IPC_INVOKE_PREFIX } from './ipc-names'
import type { Same } from './same-type'

/** The JSON shape of a failed call on either transport. */
export interface ApiErrorBody {
  error: { message: string; field: string | null }
}
