import { stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultDataDir, ensureDataDir } from '@main/engine'
import { removeDir, tempDir } from './entries'

let dir: string

beforeEach(async () => {
  dir = await tempDir()
})

afterEach(async () => {
  await removeDir(dir)
})

describe('data dir', () => {
  it('prefers $HOOK_INSPECTOR_DATA_DIR on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(defaultDataDir({ HOOK_INSPECTOR_DATA_DIR: '/data/hi' }, platform)).toBe('/data/hi')
    }
  })

  it('follows each platform convention', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux')).toBe(join('/xdg', 'hook-inspector'))
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.local', 'share', 'hook-inspector'))
    expect(defaultDataDir({}, 'darwin')).toBe(
      join(homedir(), 'Library', 'Application Support', 'hook-inspector')
    )
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      join('C:\\Users\\a\\AppData\\Roaming', 'hook-inspector')
    )
  })

  it('creates the folder owner-only, nested, and accepts an existing one', async () => {
    const target = join(dir, 'a', 'b')
    await ensureDataDir(target)
    await ensureDataDir(target)
    const info = await stat(target)
    expect(info.isDirectory()).toBe(true)
    if (process.platform !== 'win32') expect(info.mode & 0o777).toBe(0o700)
  })
})
