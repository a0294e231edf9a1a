import { join } from 'node:path'
import { newId } from '@shared/ids'
import type { Settings } from '@shared/schemas'
import { describeFsError } from './atomic-write'
import { readDataFile } from './data-file-open'
import type { SettingsLoad, SettingsPort } from './ports'
import { MemorySecretStore, SECRETS_FILE, SecretsFileSchema } from './secrets/secrets-file'
import { SETTINGS_FILE } from './settings-file'
import { loadSettingsFile } from './settings-load'

/**
 * Settings and passwords of a data dir read by a process that does not own it (`export`, while
 * the app or `serve` may run on it). Threat: a reader that moved a bad file aside, narrowed a
 * mode or wrote the file back would change the data dir under its owner (see data-dir-lock.ts);
 * these only ever read, and anything "saved" stays in this process's memory.
 */
export class ReadOnlySettingsPort implements SettingsPort {
  private memory: Settings | null = null

  constructor(private readonly dir: string) {}

  async load(): Promise<SettingsLoad> {
    if (this.memory) return { settings: structuredClone(this.memory), notice: null }
    return loadSettingsFile(join(this.dir, SETTINGS_FILE), async () => 'it was left as it is')
  }

  async save(settings: Settings): Promise<void> {
    this.memory = structuredClone(settings)
  }
}

/** See ReadOnlySettingsPort: passwords read once from the file, then kept in memory only. */
export class ReadOnlySecretStore extends MemorySecretStore {
  constructor(private readonly dir: string) {
    super(null)
  }

  /** Never throws: an unreadable or bad file leaves the passwords empty, with a notice. */
  override async load(): Promise<void> {
    const file = join(this.dir, SECRETS_FILE)
    try {
      const parsed = SecretsFileSchema.safeParse(JSON.parse(await readDataFile(file)))
      if (!parsed.success) throw new Error('it is not a map of passwords')
      for (const [id, password] of Object.entries(parsed.data)) await this.set(id, password)
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return
      this.problem = {
        id: newId('notice'),
        level: 'warning',
        message: `Saved hook passwords could not be read from ${file}: ${describeFsError(error)}.`
      }
    }
  }
}
