import { HEALTHY_BEHAVIOR } from './presets'
import {
  DEFAULT_BODY_LIMIT,
  DEFAULT_HISTORY_CAP,
  DEFAULT_HISTORY_MAX_BYTES,
  DEFAULT_RECEIVER_PORT,
  SETTINGS_VERSION,
  type Settings
} from './schemas'

/** Settings of a first start: no hooks yet, the receiver healthy on loopback. */
export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    hooks: [],
    behavior: structuredClone(HEALTHY_BEHAVIOR),
    receiver: {
      port: DEFAULT_RECEIVER_PORT,
      host: '127.0.0.1',
      bodyLimitBytes: DEFAULT_BODY_LIMIT
    },
    preferences: {
      theme: 'system',
      historyCap: DEFAULT_HISTORY_CAP,
      historyMaxBytes: DEFAULT_HISTORY_MAX_BYTES,
      activeHookId: null,
      firstRunDone: false
    },
    scenarios: []
  }
}
