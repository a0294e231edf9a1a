/**
 * The names the Electron transport needs at run time, free of zod and of any other module, so
 * the sandboxed preload bundle stays tiny. api.ts re-exports the shared ones; both lists are
 * checked against the API contract there (a missing or extra name fails to compile).
 */

/** IPC channel names (Electron transport). */
export const IPC_INVOKE_PREFIX = 'hook-inspector:'
export const IPC_EVENTS_CHANNEL = 'hook-inspector:events'

/** Every method of the API contract, in contract order. */
export const API_METHOD_NAMES = [
  'getInfo',
  'getSettings',
  'saveHook',
  'deleteHook',
  'setBehavior',
  'setPreferences',
  'startReceiver',
  'stopReceiver',
  'fire',
  'abortExchange',
  'listHistory',
  'clearHistory',
  'dismissNotice',
  'runCheck',
  'saveScenario',
  'deleteScenario',
  'replay',
  'exportHar',
  'exportBundle',
  'importFile'
] as const

const EVENT_NAMES = [
  'capture',
  'exchange-started',
  'exchange-done',
  'receiver-status',
  'history-cleared',
  'settings-changed',
  'notice'
] as const

/** A live event's name, as listed here (api.ts checks it is exactly EngineEventName). */
export type ListedEventName = (typeof EVENT_NAMES)[number]

/** Live events the engine emits, by name. */
export const ENGINE_EVENT_NAMES: ListedEventName[] = [...EVENT_NAMES]
