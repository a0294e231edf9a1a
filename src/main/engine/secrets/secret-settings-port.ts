import type { Settings } from '@shared/schemas'
import type { SecretStore, SettingsLoad, SettingsPort } from '../ports'
import { settingsSecrets, withoutSecrets, withSecrets } from './settings-secrets'

/**
 * The settings port the engine uses: passwords go to the secret store, the settings file gets
 * none. Settings loaded from a file that still holds passwords (an older version, or edited by
 * hand) are written again without them once they are in the store.
 */
export class SecretSettingsPort implements SettingsPort {
  /** Keys this port put in the store, to delete the ones a change removed. */
  private stored = new Set<string>()

  constructor(
    private readonly inner: SettingsPort,
    private readonly secrets: SecretStore
  ) {}

  /** Expects the secret store to be loaded already. */
  async load(): Promise<SettingsLoad> {
    const loaded = await this.inner.load()
    const inFile = settingsSecrets(loaded.settings)
    const settings = withSecrets(loaded.settings, (key) => this.secrets.get(key))
    this.stored = new Set(settingsSecrets(settings).keys())
    if (inFile.size > 0) {
      // A failure leaves the file as it was; the next save tries again (and says why).
      await this.save(settings).catch(() => undefined)
    }
    return { ...loaded, settings }
  }

  async save(settings: Settings): Promise<void> {
    const wanted = settingsSecrets(settings)
    for (const [key, password] of wanted) {
      if (this.secrets.get(key) !== password) await this.secrets.set(key, password)
    }
    for (const key of this.stored) {
      if (!wanted.has(key)) await this.secrets.delete(key)
    }
    this.stored = new Set(wanted.keys())
    await this.inner.save(withoutSecrets(settings))
  }
}
