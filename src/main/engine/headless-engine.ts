import { createEngine, type Engine, type EngineOptions } from './engine'
import { ReadOnlySecretStore, ReadOnlySettingsPort } from './read-only-stores'
import type { PortConflict } from './receiver/listen-policy'
import { FileSecretStore, MemorySecretStore } from './secrets/secrets-file'
import { FileSettingsPort } from './settings-file'

/**
 * The engine for headless use (CLI `listen`/`serve`, tests): settings.json and an owner-only
 * secrets.json in the data directory, or everything in memory when dataDir is null; with
 * `readOnly` (`export`) both are only read, never written.
 */
export async function createHeadlessEngine(
  options: Omit<EngineOptions, 'settings' | 'secrets' | 'portConflict' | 'dispatch'> & {
    portConflict?: PortConflict
  }
): Promise<Engine> {
  const { dataDir } = options
  const readOnly = options.readOnly === true && dataDir !== null
  return createEngine({
    ...options,
    settings: readOnly ? new ReadOnlySettingsPort(dataDir) : new FileSettingsPort(dataDir),
    secrets:
      dataDir === null
        ? new MemorySecretStore(null)
        : readOnly
          ? new ReadOnlySecretStore(dataDir)
          : new FileSecretStore(dataDir),
    portConflict: options.portConflict ?? 'fail',
    readOnly
  })
}
