import type { ApiMethod, EngineEventName } from './api'

/**
 * The names the Electron transport needs at run time, free of zod and of any other module, so
 * the sandboxed preload bundle stays tiny. api.ts re-exports the shared ones; the method list is
 * checked against the API contract below (a missing or extra method fails to compile).
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
  'importFile',
  'startPublic',
  'stopPublic',
  'getPublicStatus'
] as const satisfies readonly ApiMethod[]

type MissingMethod = Exclude<ApiMethod, (typeof API_METHOD_NAMES)[number]>
const everyMethodListed: [MissingMethod] extends [never] ? true : MissingMethod = true
void everyMethodListed

/** Live events the engine emits, by name. */
export const ENGINE_EVENT_NAMES: EngineEventName[] = [
  'capture',
  'exchange-started',
  'exchange-done',
  'receiver-status',
  'history-cleared',
  'settings-changed',
  'notice',
  'public-status'
]
