import { rename, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { newId } from '@shared/ids'
import type { Notice } from '@shared/schemas'
import { describeFsError, writeFileAtomic } from '../atomic-write'
import { openDataFile } from '../data-file-open'
import type { SecretStore } from '../ports'
import { SerialQueue } from '../serial-queue'
import { asideName } from '../settings-load'

export const SECRETS_FILE = 'secrets.json'
const OWNER_ONLY = 0o600

export const SecretsFileSchema = z.record(z.string(), z.string())

/**
 * Hook passwords for headless mode, in a file only the owner can read (0600), next to the
 * settings. Threat: other local users reading a trial's hook credentials. The file is created
 * owner-only from the start (never widened then narrowed) and narrowed on load if someone widened
 * it. Passwords are never written into settings.json, logs or error messages.
 */
export class FileSecretStore implements SecretStore {
  readonly persisted = true
  private problem: Notice | null = null
  private readonly secrets = new Map<string, string>()
  private readonly writes = new SerialQueue()

  constructor(private readonly dir: string) {}

  get file(): string {
    return join(this.dir, SECRETS_FILE)
  }

  get notice(): Notice | null {
    return this.problem
  }

  /** Never throws: a bad file is kept aside and the passwords start empty, with a notice. */
  async load(): Promise<void> {
    const file = this.file
    let text: string
    // Threat: a link as secrets.json would be read from its target and the narrowing below
    // would chmod that target; a FIFO would hold the start. The file is opened without
    // following links, only when regular, and narrowed through the open descriptor.
    let handle: FileHandle
    try {
      handle = await openDataFile(file, 'read')
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') {
        this.warn(`Saved hook passwords could not be read from ${file}: ${describeFsError(error)}.`)
      }
      return
    }
    try {
      text = await handle.readFile('utf8')
      await narrowMode(handle)
    } catch (error) {
      this.warn(`Saved hook passwords could not be read from ${file}: ${describeFsError(error)}.`)
      return
    } finally {
      await handle.close().catch(() => undefined)
    }
    let parsed: Record<string, string> | null = null
    try {
      const result = SecretsFileSchema.safeParse(JSON.parse(text))
      if (result.success) parsed = result.data
    } catch {
      parsed = null
    }
    if (parsed === null) {
      const aside = asideName(file)
      const kept = await rename(file, aside).then(
        () => `it was kept as ${aside}`,
        (error: unknown) => `it could not be moved aside (${describeFsError(error)})`
      )
      this.warn(
        `The hook password file ${file} was not valid JSON, so saved passwords are empty; ${kept}.`
      )
      return
    }
    for (const [id, password] of Object.entries(parsed)) this.secrets.set(id, password)
  }

  get(hookId: string): string | undefined {
    return this.secrets.get(hookId)
  }

  set(hookId: string, password: string): Promise<void> {
    this.secrets.set(hookId, password)
    return this.write()
  }

  delete(hookId: string): Promise<void> {
    if (!this.secrets.delete(hookId)) return Promise.resolve()
    return this.write()
  }

  private write(): Promise<void> {
    const file = this.file
    return this.writes.run(async () => {
      const data = `${JSON.stringify(Object.fromEntries(this.secrets), null, 2)}\n`
      try {
        await writeFileAtomic(file, data, { mode: OWNER_ONLY })
      } catch (error) {
        throw new Error(`cannot write ${file}: ${describeFsError(error)}`)
      }
    })
  }

  private warn(message: string): void {
    this.problem = { id: newId('notice'), level: 'warning', message }
  }
}

/** Narrows a widened secrets file to owner-only, on the open file itself (never via its path). */
async function narrowMode(handle: FileHandle): Promise<void> {
  if (process.platform === 'win32') return
  try {
    const { mode } = await handle.stat()
    if ((mode & 0o077) !== 0) await handle.chmod(OWNER_ONLY)
  } catch {
    // A file we cannot chmod is still readable by us; the next write recreates it owner-only.
  }
}

/**
 * Passwords kept only until the app quits: used when there is no data directory, or when the OS
 * offers no encryption for them (the notice tells the user so).
 */
export class MemorySecretStore implements SecretStore {
  readonly persisted = false
  private readonly secrets = new Map<string, string>()

  constructor(protected problem: Notice | null = null) {}

  get notice(): Notice | null {
    return this.problem
  }

  async load(): Promise<void> {}

  get(hookId: string): string | undefined {
    return this.secrets.get(hookId)
  }

  async set(hookId: string, password: string): Promise<void> {
    this.secrets.set(hookId, password)
  }

  async delete(hookId: string): Promise<void> {
    this.secrets.delete(hookId)
  }
}
