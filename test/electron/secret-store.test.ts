import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { NO_ENCRYPTION_MESSAGE, SafeStorageSecretStore } from '@main/electron/secret-store'
import { app, safeStorage } from './fake-electron'
import { skipNote } from '../helpers/skip-note'

// electron-store is loaded by Node itself, beyond vi.mock's reach, and gets the real `electron`
// package, which outside Electron only exports its binary's path; this keeps that package from
// trying to download the binary. The code passes `cwd` explicitly, all electron-store then needs.
vi.hoisted(() => {
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron-dist'
})
vi.mock('electron', async () => (await import('./fake-electron')).electronModule)

const FILE = 'secrets.safe-storage.json'
const PASSWORD = 'p:w0rd-Ünïcode'

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hook-inspector-secrets-'))
  app.userData = dir
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
  vi.mocked(safeStorage.isEncryptionAvailable).mockReturnValue(true)
  vi.mocked(safeStorage.getSelectedStorageBackend).mockReturnValue('gnome_libsecret')
  vi.clearAllMocks()
})

async function loaded(): Promise<SafeStorageSecretStore> {
  const store = new SafeStorageSecretStore()
  await store.load()
  return store
}

describe('SafeStorageSecretStore', () => {
  it('keeps passwords encrypted at rest and gives them back after a restart', async () => {
    const store = await loaded()
    expect(store.persisted).toBe(true)
    expect(store.notice).toBeNull()
    await store.set('hook_1', PASSWORD)
    await store.set('hook.2', 'second')

    const text = readFileSync(join(dir, FILE), 'utf8')
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain('second')
    const stored = JSON.parse(text) as { passwords: Record<string, string> }
    expect(Object.keys(stored.passwords).sort()).toEqual(['hook.2', 'hook_1'])
    expect(Buffer.from(stored.passwords.hook_1!, 'base64').toString('utf8')).not.toContain(PASSWORD)
    expect(safeStorage.encryptString).toHaveBeenCalledWith(PASSWORD)

    const again = await loaded()
    expect(again.get('hook_1')).toBe(PASSWORD)
    expect(again.get('hook.2')).toBe('second')
  })

  const posix = process.platform !== 'win32'
  const OWNER_ONLY = 'writes the file owner-only'
  it.runIf(posix)(
    OWNER_ONLY + skipNote(posix, OWNER_ONLY, 'Windows has no POSIX file modes to check'),
    async () => {
      await (await loaded()).set('hook_1', PASSWORD)
      expect(statSync(join(dir, FILE)).mode & 0o077).toBe(0)
    }
  )

  it('forgets a deleted password on disk too', async () => {
    const store = await loaded()
    await store.set('hook_1', PASSWORD)
    await store.delete('hook_1')
    expect(store.get('hook_1')).toBeUndefined()
    expect((await loaded()).get('hook_1')).toBeUndefined()
  })

  it('keeps passwords in memory only, with a notice, where encryption is unavailable', async () => {
    vi.mocked(safeStorage.isEncryptionAvailable).mockReturnValue(false)
    const store = await loaded()
    expect(store.persisted).toBe(false)
    expect(store.notice).toMatchObject({ level: 'warning', message: NO_ENCRYPTION_MESSAGE })
    expect(NO_ENCRYPTION_MESSAGE).toBe(
      'Passwords cannot be encrypted on this system; they are kept in memory until you quit'
    )
    await store.set('hook_1', PASSWORD)
    expect(store.get('hook_1')).toBe(PASSWORD)
    expect(safeStorage.encryptString).not.toHaveBeenCalled()
    expect(readdirSync(dir)).toEqual([])
  })

  it("does not count Linux's hard-coded-key fallback as encryption", async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!
    Object.defineProperty(process, 'platform', { value: 'linux' })
    vi.mocked(safeStorage.getSelectedStorageBackend).mockReturnValue('basic_text')
    const store = await loaded().finally(() => Object.defineProperty(process, 'platform', platform))
    expect(store.persisted).toBe(false)
    expect(store.notice?.message).toBe(NO_ENCRYPTION_MESSAGE)
    await store.set('hook_1', PASSWORD)
    expect(existsSync(join(dir, FILE))).toBe(false)
  })

  it('drops passwords that no longer decrypt, and says so', async () => {
    const store = await loaded()
    await store.set('hook_1', PASSWORD)
    const stored = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as {
      passwords: Record<string, string>
    }
    stored.passwords.hook_2 = Buffer.from('garbage').toString('base64')
    writeFileSync(join(dir, FILE), JSON.stringify(stored))
    const again = await loaded()
    expect(again.get('hook_1')).toBe(PASSWORD)
    expect(again.get('hook_2')).toBeUndefined()
    expect(again.notice?.message).toMatch(/1 saved hook password\(s\) could not be decrypted/)
  })

  it('keeps an unreadable file aside and starts empty, with a notice', async () => {
    writeFileSync(join(dir, FILE), '{"passwords": ')
    const store = await loaded()
    expect(store.persisted).toBe(true)
    expect(store.get('hook_1')).toBeUndefined()
    expect(store.notice?.message).toMatch(/was not usable, so saved passwords are empty/)
    expect(readdirSync(dir).filter((n) => n.startsWith(`${FILE}.bad-`))).toHaveLength(1)
    await store.set('hook_1', PASSWORD)
    expect((await loaded()).get('hook_1')).toBe(PASSWORD)
  })

  it('never puts a password into a notice or an error', async () => {
    const store = await loaded()
    await store.set('hook_1', PASSWORD)
    vi.mocked(safeStorage.decryptString).mockImplementationOnce(() => {
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.'
      )
    })
    const again = await loaded()
    expect(JSON.stringify(again.notice)).not.toContain(PASSWORD)
  })
})
