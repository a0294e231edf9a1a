import ElectronStore from 'electron-store'
import { app } from 'electron'
import { join } from 'node:path'
import { defaultSettings } from '@shared/defaults'
import { errorMessage } from '@shared/error-message'
import type { Settings } from '@shared/schemas'
import {
  assertRegularOrMissing,
  loadSettingsFile,
  withoutPasswords,
  type SettingsLoad,
  type SettingsPort
} from '../engine'
import { keepAside } from './aside-file'

/** settings.json: the same file name and format as headless mode, so a data dir works in both. */
export const SETTINGS_STORE_NAME = 'settings'

/**
 * Settings in electron-store (written atomically) in the app's data directory, validated with the
 * shared schema on load. A bad file never stops the app: it is copied aside for the user to
 * inspect, replaced by defaults, and a notice says so.
 */
export class ElectronSettingsPort implements SettingsPort {
  private store: ElectronStore<Record<string, unknown>> | null = null

  /** `cwd` defaults to the app's userData directory. */
  constructor(private readonly cwd: string = app.getPath('userData')) {}

  get file(): string {
    return join(this.cwd, `${SETTINGS_STORE_NAME}.json`)
  }

  /** Opened on first write: opening touches the folder, which may fail, and load never throws. */
  private openStore(): ElectronStore<Record<string, unknown>> {
    // clearInvalidConfig: the store must open even over a broken file; load() reads the raw text
    // itself first, so a broken file is noticed and kept aside before anything overwrites it.
    // electron-store reads the file by path: never a link, FIFO or device (data-file-open.ts).
    if (!this.store) assertRegularOrMissing(this.file)
    this.store ??= new ElectronStore<Record<string, unknown>>({
      name: SETTINGS_STORE_NAME,
      cwd: this.cwd,
      clearInvalidConfig: true,
      accessPropertiesByDotNotation: false,
      // Owner-only: hook URLs and emails of a trial are nobody else's business.
      configFileMode: 0o600
    })
    return this.store
  }

  /** A bad file is copied aside, then defaults are written over it (only once it is kept). */
  load(): Promise<SettingsLoad> {
    return loadSettingsFile(this.file, async (file) => {
      const aside = await keepAside(file)
      if (aside.kept) await this.save(defaultSettings()).catch(() => undefined)
      return aside.words
    })
  }

  async save(settings: Settings): Promise<void> {
    try {
      this.openStore().store = withoutPasswords(settings)
    } catch (error) {
      throw new Error(`cannot write ${this.file}: ${errorMessage(error)}`)
    }
  }
}
