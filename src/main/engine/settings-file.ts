import { rename } from 'node:fs/promises'
import { join } from 'node:path'
import { defaultSettings } from '@shared/defaults'
import type { Settings } from '@shared/schemas'
import { describeFsError, writeFileAtomic } from './atomic-write'
import type { SettingsLoad, SettingsPort } from './ports'
import { SerialQueue } from './serial-queue'
import { asideName, loadSettingsFile, withoutPasswords } from './settings-load'
import { OWNER_ONLY_FILE } from './secrets/owner-only'

export const SETTINGS_FILE = 'settings.json'

/**
 * Settings as a JSON file in the data directory (headless mode; the app uses electron-store with
 * the same format). A missing file is a first start; a bad one is kept aside for the user to
 * inspect and replaced by defaults, with a notice, so the app always starts.
 */
export class FileSettingsPort implements SettingsPort {
  private memory: Settings | null = null
  private readonly writes = new SerialQueue()

  /** `dir` null keeps settings in memory only. */
  constructor(private readonly dir: string | null) {}

  get file(): string | null {
    return this.dir === null ? null : join(this.dir, SETTINGS_FILE)
  }

  async load(): Promise<SettingsLoad> {
    const file = this.file
    if (file === null) {
      return {
        settings: this.memory ? structuredClone(this.memory) : defaultSettings(),
        notice: null
      }
    }
    return loadSettingsFile(file, async (bad) => {
      const aside = asideName(bad)
      try {
        await rename(bad, aside)
        return `it was kept as ${aside}`
      } catch (error) {
        return `it could not be moved aside (${describeFsError(error)})`
      }
    })
  }

  /** Writes atomically; rejects with a message naming the file and the reason. */
  save(settings: Settings): Promise<void> {
    const stored = withoutPasswords(settings)
    const file = this.file
    if (file === null) {
      this.memory = structuredClone(stored)
      return Promise.resolve()
    }
    // One write at a time, in call order, so the last saved settings are the ones on disk.
    return this.writes.run(async () => {
      try {
        await writeFileAtomic(file, `${JSON.stringify(stored, null, 2)}\n`, {
          mode: OWNER_ONLY_FILE
        })
      } catch (error) {
        throw new Error(`cannot write ${file}: ${describeFsError(error)}`)
      }
    })
  }
}
