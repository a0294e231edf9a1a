import ElectronStore from 'electron-store'
import { app, safeStorage } from 'electron'
import { join } from 'node:path'
import { z } from 'zod'
import { newId } from '@shared/ids'
import type { Notice } from '@shared/schemas'
import { assertRegularOrMissing, readDataFile, type SecretStore } from '../engine'
import { keepAside } from './aside-file'
import { errorMessage } from '@shared/error-message'

/**
 * secrets.safe-storage.json. Not headless mode's secrets.json (plain passwords, owner-only): a
 * data dir shared with `serve --data-dir` must never mistake one format for the other.
 */
export const SECRET_STORE_NAME = 'secrets.safe-storage'

export const NO_ENCRYPTION_MESSAGE =
  'Passwords cannot be encrypted on this system; they are kept in memory until you quit'

const StoredSecretsSchema = z.object({ passwords: z.record(z.string(), z.string()) })

type StoredSecrets = z.infer<typeof StoredSecretsSchema>

function parseStored(text: string): StoredSecrets | null {
  try {
    const result = StoredSecretsSchema.safeParse(JSON.parse(text))
    return result.success ? result.data : null
  } catch {
    return null
  }
}

/**
 * Whether the OS offers real encryption. On Linux without a keyring Electron falls back to
 * 'basic_text', a key hard-coded in Chromium: that is obfuscation, not encryption, so it counts
 * as unavailable.
 */
function encryptionAvailable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false
  if (process.platform === 'linux' && typeof safeStorage.getSelectedStorageBackend === 'function') {
    return safeStorage.getSelectedStorageBackend() !== 'basic_text'
  }
  return true
}

/**
 * Hook passwords encrypted with Electron's safeStorage (the OS keychain / DPAPI / libsecret key),
 * stored base64 in their own electron-store file. Threat: the data directory being read by other
 * local users, backup tools or malware without the user's OS session; the file holds ciphertext
 * only. Where the OS offers no encryption, passwords stay in memory and a notice says so.
 * Passwords are never logged or put in error messages.
 */
export class SafeStorageSecretStore implements SecretStore {
  private readonly passwords = new Map<string, string>()
  private readonly encrypted = new Map<string, string>()
  private store: ElectronStore<Record<string, unknown>> | null = null
  private available = false
  private problem: Notice | null = null

  /** `cwd` defaults to the app's userData directory. */
  constructor(private readonly cwd: string = app.getPath('userData')) {}

  get persisted(): boolean {
    return this.available
  }

  get notice(): Notice | null {
    return this.problem
  }

  /** Call after the app is ready (safeStorage needs it). Never throws. */
  async load(): Promise<void> {
    this.available = encryptionAvailable()
    if (!this.available) {
      this.problem = { id: newId('notice'), level: 'warning', message: NO_ENCRYPTION_MESSAGE }
      return
    }
    const store = this.openStore()
    if (!store) return
    const stored = await this.readStored(store.path)
    if (stored === null) return
    let undecryptable = 0
    for (const [hookId, base64] of Object.entries(stored.passwords)) {
      try {
        this.passwords.set(hookId, safeStorage.decryptString(Buffer.from(base64, 'base64')))
        this.encrypted.set(hookId, base64)
      } catch {
        undecryptable++
      }
    }
    if (undecryptable > 0) {
      this.warn(
        `${undecryptable} saved hook password(s) could not be decrypted (the system keyring may have changed); enter them again.`
      )
    }
  }

  get(hookId: string): string | undefined {
    return this.passwords.get(hookId)
  }

  async set(hookId: string, password: string): Promise<void> {
    this.passwords.set(hookId, password)
    if (!this.available) return
    this.encrypted.set(hookId, safeStorage.encryptString(password).toString('base64'))
    this.write()
  }

  async delete(hookId: string): Promise<void> {
    this.passwords.delete(hookId)
    if (!this.encrypted.delete(hookId) || !this.available) return
    this.write()
  }

  private openStore(): ElectronStore<Record<string, unknown>> | null {
    if (this.store) return this.store
    try {
      // electron-store reads the file by path: never a link, FIFO or device (data-file-open.ts).
      assertRegularOrMissing(join(this.cwd, `${SECRET_STORE_NAME}.json`))
      this.store = new ElectronStore<Record<string, unknown>>({
        name: SECRET_STORE_NAME,
        cwd: this.cwd,
        clearInvalidConfig: true,
        accessPropertiesByDotNotation: false,
        // Owner-only: ciphertext, but nobody else needs to read it.
        configFileMode: 0o600
      })
    } catch (error) {
      this.available = false
      this.warn(
        `Hook passwords cannot be saved in ${this.cwd} (${errorMessage(error)}); they are kept in memory until you quit.`
      )
    }
    return this.store
  }

  /** The stored ciphertexts; a bad file is kept aside (and then replaced) with a notice. */
  private async readStored(file: string): Promise<StoredSecrets | null> {
    let text: string
    try {
      text = await readDataFile(file)
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return null
      this.warn(`Saved hook passwords could not be read from ${file}; enter them again.`)
      return null
    }
    const stored = parseStored(text)
    if (stored !== null) return stored
    const aside = await keepAside(file)
    this.warn(
      `The hook password file ${file} was not usable, so saved passwords are empty; ${aside.words}.`
    )
    return null
  }

  private write(): void {
    if (!this.store) return
    const passwords = Object.fromEntries(this.encrypted)
    try {
      this.store.store = { passwords }
    } catch (error) {
      throw new Error(`cannot write ${this.store.path}: ${errorMessage(error)}`)
    }
  }

  private warn(message: string): void {
    this.problem = { id: newId('notice'), level: 'warning', message }
  }
}
