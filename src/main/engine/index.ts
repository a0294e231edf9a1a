/**
 * The engine's public surface: what the CLI, the control server and the Electron main process
 * use. Everything else in src/main/engine is an implementation detail.
 */
export { Engine, createEngine, HISTORY_FILE, type EngineOptions } from './engine'
export { createHeadlessEngine } from './headless-engine'
export { dispatch } from './dispatch'
export { dispatchTargetOf } from './dispatch/target'
export { startReceiver, ReceiverListenError, buildReceiver, resolveBehavior } from './receiver'
export { openJournal } from './journal'
export { FileSettingsPort, SETTINGS_FILE } from './settings-file'
export { asideName, loadSettingsFile, withoutPasswords } from './settings-load'
export { SerialQueue } from './serial-queue'
export { FileSecretStore, MemorySecretStore, SECRETS_FILE } from './secrets/secrets-file'
export { defaultDataDir, ensureDataDir } from './data-dir'
export { DataDirInUseError, LOCK_DIR, OWNER_FILE } from './data-dir-lock'
export { assertTrustedDataDir, DataDirTrustError } from './data-dir-trust'
export { describeFsError, writeFileAtomic } from './atomic-write'
export {
  assertRegularOrMissing,
  NotRegularFileError,
  openDataFile,
  readDataFile
} from './data-file-open'
export type { PortConflict } from './receiver/listen-policy'
export {
  eventJson,
  onEveryEvent,
  type EngineEventSource,
  type EngineListener
} from './events/event-feed'
export { MAX_CHECK_REQUESTS } from './check/run-check'
export { bodyStart } from './check/body-start'
export { exposureRefusal, hasRealCredentials } from './exposure'
export { failureOf, firstFailure } from './capacity/summary'
export { stepHolds } from './capacity/step-stats'
export { NGROK_TOKEN_ENV, TunnelRunner, tunnelOpener, type TunnelError } from './public-url'
// The seams' types; sending (FireHook, SendSpec, Send) stays inside: callers use the API's fire.
export type {
  Dispatch,
  DispatchOptions,
  DispatchResult,
  DispatchTarget,
  ForwardRequest,
  ForwardResult,
  HistoryStore,
  JournalLoadReport,
  JournalOptions,
  JournalWrite,
  ListenOptions,
  ReceiverOptions,
  RunningReceiver,
  SecretStore,
  SettingsLoad,
  SettingsPort,
  WriteStateListener
} from './ports'
