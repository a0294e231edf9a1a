import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeFileAtomic } from '@main/engine/atomic-write'
import { FileSecretStore, MemorySecretStore } from '@main/engine/secrets/secrets-file'
import { FileSettingsPort } from '@main/engine/settings-file'
import { defaultSettings } from '@shared/defaults'
import { hookConfig } from '@shared/hook-record'
import { behaviorPreset } from '@shared/presets'
import type { Settings } from '@shared/schemas'
import { removeDir, tempDir, unwritableDir } from './entries'

let dir: string

beforeEach(async () => {
  dir = await tempDir()
})

afterEach(async () => {
  await removeDir(dir)
})

function sampleSettings(): Settings {
  const s = defaultSettings()
  s.hooks.push(
    hookConfig({
      id: 'hook_1',
      name: 'Study 7',
      url: 'https://example.test/hook',
      email: 'site@example.test',
      password: 's3cret:pass',
      timeoutSeconds: 12
    })
  )
  s.behavior = behaviorPreset('Server error')
  s.receiver.port = 4800
  s.preferences.historyCap = 250
  return s
}

describe('FileSettingsPort', () => {
  it('gives defaults and no notice on a first start', async () => {
    const port = new FileSettingsPort(dir)
    expect(await port.load()).toEqual({ settings: defaultSettings(), notice: null })
  })

  it('round-trips settings, never writing passwords to settings.json', async () => {
    const port = new FileSettingsPort(dir)
    await port.save(sampleSettings())
    const text = await readFile(join(dir, 'settings.json'), 'utf8')
    expect(text).not.toContain('s3cret')
    const loaded = await new FileSettingsPort(dir).load()
    expect(loaded.notice).toBeNull()
    const expected = sampleSettings()
    expected.hooks[0]!.password = ''
    expect(loaded.settings).toEqual(expected)
  })

  it('writes atomically, leaving no temp file behind', async () => {
    const port = new FileSettingsPort(dir)
    await Promise.all([port.save(sampleSettings()), port.save(defaultSettings())])
    expect(await readdir(dir)).toEqual(['settings.json'])
    // Saves land in call order: the last one is on disk.
    expect((await port.load()).settings).toEqual(defaultSettings())
  })

  it('keeps a corrupted file aside and falls back to defaults with a notice', async () => {
    await writeFile(join(dir, 'settings.json'), '{"version": 1, "hooks": [')
    const { settings, notice } = await new FileSettingsPort(dir).load()
    expect(settings).toEqual(defaultSettings())
    const names = await readdir(dir)
    const aside = names.find((n) => n.startsWith('settings.json.bad-'))
    expect(aside).toBeDefined()
    expect(names).not.toContain('settings.json')
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('{"version": 1, "hooks": [')
    expect(notice?.level).toBe('warning')
    expect(notice?.message).toContain(aside!)
    expect(notice?.message).toMatch(/not valid JSON/)
  })

  it('treats a schema-invalid file the same way, naming the first problem', async () => {
    const bad = {
      ...defaultSettings(),
      receiver: { port: 70000, host: '127.0.0.1', bodyLimitBytes: 1 }
    }
    await writeFile(join(dir, 'settings.json'), JSON.stringify(bad))
    const { settings, notice } = await new FileSettingsPort(dir).load()
    expect(settings).toEqual(defaultSettings())
    expect(notice?.message).toContain('receiver.port')
    expect((await readdir(dir)).some((n) => n.startsWith('settings.json.bad-'))).toBe(true)
  })

  it('rejects a save into a folder it cannot write, naming the file', async () => {
    const bad = await unwritableDir(dir)
    const port = new FileSettingsPort(bad)
    await expect(port.save(defaultSettings())).rejects.toThrow(/cannot write .*settings\.json/)
  })

  it('keeps settings in memory when given no folder', async () => {
    const port = new FileSettingsPort(null)
    await port.save(sampleSettings())
    const { settings } = await port.load()
    expect(settings.receiver.port).toBe(4800)
    expect(settings.hooks[0]!.password).toBe('')
  })
})

describe('FileSecretStore', () => {
  it('persists passwords in an owner-only file', async () => {
    const store = new FileSecretStore(dir)
    await store.load()
    expect(store.persisted).toBe(true)
    expect(store.notice).toBeNull()
    await store.set('hook_1', 'pa:ss')
    await store.set('hook_2', 'other')
    await store.delete('hook_2')
    const file = join(dir, 'secrets.json')
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ hook_1: 'pa:ss' })

    const again = new FileSecretStore(dir)
    await again.load()
    expect(again.get('hook_1')).toBe('pa:ss')
    expect(again.get('hook_2')).toBeUndefined()
  })

  it('narrows a widened secrets file back to owner-only on load', async () => {
    if (process.platform === 'win32') return
    const file = join(dir, 'secrets.json')
    await writeFileAtomic(file, '{"h":"p"}', { mode: 0o644 })
    expect((await stat(file)).mode & 0o777).toBe(0o644)
    const store = new FileSecretStore(dir)
    await store.load()
    expect(store.get('h')).toBe('p')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
  })

  it('keeps a corrupted secrets file aside with a notice', async () => {
    await writeFile(join(dir, 'secrets.json'), 'nope')
    const store = new FileSecretStore(dir)
    await store.load()
    expect(store.get('h')).toBeUndefined()
    expect(store.notice?.level).toBe('warning')
    expect((await readdir(dir)).some((n) => n.startsWith('secrets.json.bad-'))).toBe(true)
  })

  it('MemorySecretStore keeps passwords until quit and carries its notice', async () => {
    const notice = { id: 'n1', level: 'warning' as const, message: 'not encrypted' }
    const store = new MemorySecretStore(notice)
    await store.load()
    await store.set('h', 'p')
    expect(store.get('h')).toBe('p')
    expect(store.persisted).toBe(false)
    expect(store.notice).toEqual(notice)
  })
})
