import type { EngineEvent, EngineEventName } from './api'

/**
 * The names the Electron transport needs at run time, free of zod and of any other module, so
 * the sandboxed preload bundle stays tiny. api.ts re-exports them. The method names are not here:
 * the build puts them into the preload from the API table (see src/preload/index.ts).
 */

/** IPC channel names (Electron transport). */
export const IPC_INVOKE_PREFIX = 'hook-inspector:'
export const IPC_EVENTS_CHANNEL = 'hook-inspector:events'

/** Live events the engine emits, by name. */
export const ENGINE_EVENT_NAMES: EngineEventName[] = [
  'capture',
  'exchange-started',
  'exchange-done',
  'receiver-status',
  'history-cleared',
  'settings-changed',
  'notice'
]

/** Whether an item of a batch is a live event of a known type (what a bridge hands on). */
export function isEngineEvent(item: unknown): item is EngineEvent {
  const type = (item as { type?: unknown } | null)?.type
  return typeof type === 'string' && (ENGINE_EVENT_NAMES as string[]).includes(type)
}
