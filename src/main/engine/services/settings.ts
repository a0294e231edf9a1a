import { errorMessage } from '@shared/error-message'
import { PreferencesSchema, type Preferences, type Settings } from '@shared/schemas'
import { parseOrThrow } from '@shared/validation'
import type { EngineEmitter } from '../events/typed-emitter'
import type { SecretStore, SettingsPort } from '../ports'
import type { NoticeBoard } from './notices'

/**
 * Settings and secrets: the one copy of the settings in memory (hooks held without passwords,
 * which live in the secret store), saved through the settings port after every change. A save
 * that fails keeps the change in memory and tells the user once.
 */
export class SettingsService {
  private current: Settings

  constructor(
    private readonly port: SettingsPort,
    private readonly secrets: SecretStore,
    loaded: Settings,
    /** Where settings are kept, for the notices: the data dir or "the settings store". */
    private readonly where: string,
    private readonly notices: NoticeBoard,
    private readonly events: EngineEmitter
  ) {
    this.current = loaded
  }

  /** The settings as held (passwords empty); callers must not change it. */
  get value(): Settings {
    return this.current
  }

  get secretsPersisted(): boolean {
    return this.secrets.persisted
  }

  /** Replaces the settings in memory; `save` writes them. */
  set(next: Settings): void {
    this.current = next
  }

  /** A saved hook's password, or '' when it has none. */
  password(hookId: string): string {
    return this.secrets.get(hookId) ?? ''
  }

  /** A copy of the settings with every hook's password filled in. */
  withPasswords(): Settings {
    const copy = structuredClone(this.current)
    for (const hook of copy.hooks) hook.password = this.password(hook.id)
    return copy
  }

  async setPreferences(
    changes: Partial<Preferences>,
    history: { setCap(cap: number): Promise<void>; setMaxBytes(maxBytes: number): Promise<void> }
  ): Promise<Preferences> {
    const before = this.current.preferences
    const next = parseOrThrow(PreferencesSchema, { ...before, ...changes })
    this.current = { ...this.current, preferences: next }
    if (next.historyCap !== before.historyCap) await history.setCap(next.historyCap)
    if (next.historyMaxBytes !== before.historyMaxBytes) {
      await history.setMaxBytes(next.historyMaxBytes)
    }
    await this.save()
    return { ...next }
  }

  /**
   * Saves the settings and announces them; a failure keeps the change in memory, told once.
   * Resolves with whether the file was written.
   */
  async save(): Promise<boolean> {
    let saved = true
    try {
      await this.port.save(this.current)
    } catch (error) {
      saved = false
      this.notices.raise(
        'warning',
        `Settings could not be saved to ${this.where}: ${errorMessage(error)}; changes are kept until you quit.`,
        'settings-save'
      )
    }
    this.events.emit('settings-changed', this.withPasswords())
    return saved
  }

  /** Stores or (for '') deletes a hook's password; a failure keeps it until quit, told once. */
  async storePassword(hookId: string, password: string): Promise<void> {
    try {
      if (password === '') await this.secrets.delete(hookId)
      else await this.secrets.set(hookId, password)
    } catch (error) {
      this.notices.raise(
        'warning',
        `Hook passwords could not be saved to ${this.where}: ${errorMessage(error)}; they are kept until you quit.`,
        'secrets-save'
      )
    }
  }

  /** Passwords found in a settings file (e.g. edited by hand) move to the secret store. */
  async migratePasswords(): Promise<void> {
    const withPassword = this.current.hooks.filter((h) => h.password !== '')
    if (withPassword.length === 0) return
    for (const hook of withPassword) {
      if (this.secrets.get(hook.id) === undefined) {
        await this.storePassword(hook.id, hook.password)
      }
    }
    this.current = {
      ...this.current,
      hooks: this.current.hooks.map((h) => ({ ...h, password: '' }))
    }
    await this.save()
  }
}
