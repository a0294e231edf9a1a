import type { ReceiverConfig } from '@shared/schemas'
import type { Dispatch, JournalWrite, SecretStore, SettingsPort } from './ports'
import type { PortConflict } from './receiver/listen-policy'

/** How an engine is built: its data dir, settings and secrets ports, and what it may do at start. */
export interface EngineOptions {
  /** null: memory only (no journal file). */
  dataDir: string | null
  settings: SettingsPort
  secrets: SecretStore
  /**
   * When the configured receiver port is taken: 'fail' (throw ReceiverListenError; CLI) or
   * 'next-free' (try the next ports, up to +20; desktop app).
   */
  portConflict: PortConflict
  /** Start the receiver on create (default true). */
  startReceiver?: boolean
  /** Overrides of the saved receiver config for this run only (e.g. `serve --receiver-port`). */
  receiverOverrides?: Partial<ReceiverConfig>
  /** Injected for tests; default the real dispatch. */
  dispatch?: Dispatch
  /** How the journal writes its lines (default: synchronously, every byte); tests hold it. */
  journalWrite?: JournalWrite
  /**
   * What this process is, named to a second writer it refuses (e.g. "hook-inspector serve");
   * see data-dir-lock.ts.
   */
  owner?: string
  /**
   * Only reads the data dir (`export`): no lock, nothing created, tightened, compacted or
   * rewritten; history is a snapshot of the journal's complete lines.
   */
  readOnly?: boolean
  /** Start-up news meant for a terminal (a dead holder's lock taken over); the CLI prints it. */
  announce?: (message: string) => void
  /**
   * Anonymous access chosen for this run (`--allow-anonymous`): a receiver on a host other than
   * loopback may run without expected credentials (see exposure.ts).
   */
  allowAnonymous?: boolean
}
