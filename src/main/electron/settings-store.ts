import ElectronStore from 'electron-store'
import { app } from 'electron'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { defaultSettings } from '../../shared/defaults'
import { newId } from '../../shared/ids'
import { SettingsSchema, type Notice, type Settings } from '../../shared/schemas'
import { describeIssues } from '../../shared/validation'
import type { SettingsLoad, SettingsPort } from '../engine'
import { keepAside } from './aside-file'
import { errorMessage } from '../../shared/error-message'

/** settings.json: the same file name and format as headless mode, so a data dir works in both. */
export const SETTINGS_STORE_NAME = 'settings'

/** Hooks as stored: passwords live in the secret store, never in the settings file. */
function withoutPasswords(settings: Settings): Settings {
  return { ...settings, hooks: settings.hooks.map((hook) => ({ ...hook, password: '' })) }
}

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

  async load(): Promise<SettingsLoad> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') {
        return { settings: defaultSettings(), notice: null }
      }
      return this.recover(`it could not be read (${errorMessage(error)})`)
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      return this.recover(`it is not valid JSON (${errorMessage(error)})`)
    }
    const result = SettingsSchema.safeParse(json)
    if (!result.success) return this.recover(describeIssues(result.error).message)
    return { settings: result.data, notice: null }
  }

  async save(settings: Settings): Promise<void> {
    try {
      this.openStore().store = withoutPasswords(settings)
    } catch (error) {
      throw new Error(`cannot write ${this.file}: ${errorMessage(error)}`)
    }
  }

  /** Keeps the bad file aside, then writes defaults over it (only once it is safely kept). */
  private async recover(problem: string): Promise<SettingsLoad> {
    const settings = defaultSettings()
    const aside = await keepAside(this.file)
    if (aside.kept) await this.save(settings).catch(() => undefined)
    const notice: Notice = {
      id: newId('notice'),
      level: 'warning',
      message: `The settings file ${this.file} was not usable, so defaults are used; ${aside.words}. Problem: ${problem}`
    }
    return { settings, notice }
  }
}
