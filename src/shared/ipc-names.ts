/**
 * The names the Electron transport needs at run time, free of zod and of any other module, so
 * the sandboxed preload bundle stays tiny. api.ts re-exports them and checks the event list
 * against the API contract (a missing or extra name fails to compile). The method names are not
 * here: the build puts them into the preload from the API table (see src/preload/index.ts).
 */

/** IPC channel names (Electron transport). */
export const IPC_INVOKE_PREFIX = 'hook-inspector:'
export const IPC_EVENTS_CHANNEL = 'hook-inspector:events'

/**
 * Electron passes only an error's message from a handler to the page, so a refusal's field (the
 * input it concerns, as the HTTP transport reports it) travels inside the message: this tag, then
 * JSON `{message, field}`. The preload takes it apart again.
 */
export const IPC_ERROR_TAG = 'hook-inspector-error:'

/** The message and field a main-side handler packed, or null when the text is not one. */
export function unpackIpcError(text: string): { message: string; field: string | null } | null {
  const at = text.indexOf(IPC_ERROR_TAG)
  if (at < 0) return null
  try {
    const value: unknown = JSON.parse(text.slice(at + IPC_ERROR_TAG.length))
    if (typeof value !== 'object' || value === null) return null
    const { message, field } = value as { message?: unknown; field?: unknown }
    if (typeof message !== 'string') return null
    return { message, field: typeof field === 'string' ? field : null }
  } catch {
    return null
  }
}

const EVENT_NAMES = [
  'capture',
  'capture-updated',
  'exchange-started',
  'exchange-done',
  'receiver-status',
  'history-cleared',
  'settings-changed',
  'notice',
  'notice-cleared',
  'capacity-progress',
  'capacity-done',
  'public-status'
] as const

/** A live event's name, as listed here (api.ts checks it is exactly EngineEventName). */
export type ListedEventName = (typeof EVENT_NAMES)[number]

/** Live events the engine emits, by name. */
export const ENGINE_EVENT_NAMES: ListedEventName[] = [...EVENT_NAMES]

/**
 * Whether an item of a batch is a live event of a known type (what a bridge hands on). Callers
 * name the event type they read it as: `batch.filter(isEngineEvent<EngineEvent>)`.
 */
export function isEngineEvent<E extends { type: string }>(item: unknown): item is E {
  const type = (item as { type?: unknown } | null)?.type
  return typeof type === 'string' && (ENGINE_EVENT_NAMES as string[]).includes(type)
}
