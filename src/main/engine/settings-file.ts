import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { defaultSettings } from '../../shared/defaults'
import { newId } from '../../shared/ids'
import { SettingsSchema, type Notice, type Settings } from '../../shared/schemas'
import { describeIssues } from '../../shared/validation'
import { describeFsError, writeFileAtomic } from './atomic-write'
import type { SettingsLoad, SettingsPort } from './contracts'
import { OWNER_ONLY_FILE } from './secrets/owner-only'

export const SETTINGS_FILE = 'settings.json'

/** Hooks as stored: passwords live in the secret store, never in the settings file. */
export function withoutPasswords(settings: Settings): Settings {
  return { ...settings, hooks: settings.hooks.map((hook) => ({ ...hook, password: '' })) }
}

/** A file name to keep a bad file under, next to it, without overwriting an earlier one. */
export function asideName(file: string, now = new Date()): string {
  return `${file}.bad-${now.toISOString().replace(/[:.]/g, '-')}`
}

/**
 * Settings as a JSON file in the data directory (headless mode; the app uses electron-store with
 * the same format). A missing file is a first start; a bad one is kept aside for the user to
 * inspect and replaced by defaults, with a notice, so the app always starts.
 */
export class FileSettingsPort implements SettingsPort {
  private memory: Settings | null = null
  private chain: Promise<void> = Promise.resolve()

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
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') {
        return { settings: defaultSettings(), notice: null }
      }
      return this.rejectFile(file, `it could not be read: ${describeFsError(error)}`)
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      return this.rejectFile(file, `it is not valid JSON (${(error as Error).message})`)
    }
    const result = SettingsSchema.safeParse(json)
    if (!result.success) return this.rejectFile(file, describeIssues(result.error).message)
    return { settings: result.data, notice: null }
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
    const run = this.chain.then(async () => {
      try {
        await writeFileAtomic(file, `${JSON.stringify(stored, null, 2)}\n`, {
          mode: OWNER_ONLY_FILE
        })
      } catch (error) {
        throw new Error(`cannot write ${file}: ${describeFsError(error)}`)
      }
    })
    this.chain = run.catch(() => undefined)
    return run
  }

  private async rejectFile(file: string, problem: string): Promise<SettingsLoad> {
    const aside = asideName(file)
    let kept: string
    try {
      await rename(file, aside)
      kept = `it was kept as ${aside}`
    } catch (error) {
      kept = `it could not be moved aside (${describeFsError(error)})`
    }
    const notice: Notice = {
      id: newId('notice'),
      level: 'warning',
      message: `The settings file ${file} was not usable, so defaults are used; ${kept}. Problem: ${problem}`
    }
    return { settings: defaultSettings(), notice }
  }
}
