import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defaultSettings } from '@shared/defaults'
import { hookConfig } from '@shared/hook-record'
import { SettingsSchema, type Settings } from '@shared/schemas'
import { ElectronSettingsPort } from '@main/electron/settings-store'
import { app } from './fake-electron'
import { skipNote } from '../helpers/skip-note'

// electron-store is loaded by Node itself, beyond vi.mock's reach, and gets the real `electron`
// package, which outside Electron only exports its binary's path; this keeps that package from
// trying to download the binary. The code passes `cwd` explicitly, all electron-store then needs.
vi.hoisted(() => {
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron-dist'
})
vi.mock('electron', async () => (await import('./fake-electron')).electronModule)

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hook-inspector-settings-'))
  app.userData = dir
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function changed(): Settings {
  const settings = defaultSettings()
  settings.hooks.push(
    hookConfig({
      id: 'hook_1',
      name: 'Local receiver',
      url: 'http://127.0.0.1:4700/hook',
      email: 'ann@site.org',
      password: 'p:w0rd',
      timeoutSeconds: 12
    })
  )
  settings.preferences.theme = 'dark'
  settings.receiver.port = 4711
  return settings
}

describe('ElectronSettingsPort', () => {
  it("lives in the app's userData folder as settings.json", () => {
    expect(new ElectronSettingsPort().file).toBe(join(dir, 'settings.json'))
    expect(app.getPath).toHaveBeenCalledWith('userData')
  })

  it('gives defaults and no notice on a first start', async () => {
    const loaded = await new ElectronSettingsPort(dir).load()
    expect(loaded).toEqual({ settings: defaultSettings(), notice: null })
  })

  it('round-trips settings, without hook passwords', async () => {
    const settings = changed()
    await new ElectronSettingsPort(dir).save(settings)
    const text = readFileSync(join(dir, 'settings.json'), 'utf8')
    expect(text).not.toContain('p:w0rd')
    const loaded = await new ElectronSettingsPort(dir).load()
    expect(loaded.notice).toBeNull()
    expect(loaded.settings).toEqual({
      ...settings,
      hooks: [{ ...settings.hooks[0], password: '' }]
    })
    expect(SettingsSchema.safeParse(JSON.parse(text)).success).toBe(true)
  })

  it('replaces a broken file by defaults, keeps it aside, and says so', async () => {
    const broken = '{"version": 1, "hooks": [ '
    writeFileSync(join(dir, 'settings.json'), broken)
    const loaded = await new ElectronSettingsPort(dir).load()
    expect(loaded.settings).toEqual(defaultSettings())
    expect(loaded.notice?.level).toBe('warning')
    expect(loaded.notice?.message).toMatch(/settings\.json was not usable, so defaults are used/)
    expect(loaded.notice?.message).toMatch(/not valid JSON/)
    const aside = readdirSync(dir).filter((name) => name.startsWith('settings.json.bad-'))
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(broken)
    expect(loaded.notice?.message).toContain(join(dir, aside[0]!))
    // The defaults now stand in the file, so the next start is quiet.
    expect(await new ElectronSettingsPort(dir).load()).toEqual({
      settings: defaultSettings(),
      notice: null
    })
  })

  it('treats settings that break the schema the same way, naming the field', async () => {
    const bad = { ...changed(), receiver: { port: 'http', host: '127.0.0.1', bodyLimitBytes: 1 } }
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(bad))
    const loaded = await new ElectronSettingsPort(dir).load()
    expect(loaded.settings).toEqual(defaultSettings())
    expect(loaded.notice?.message).toMatch(/receiver\.port/)
    expect(readdirSync(dir).some((name) => name.startsWith('settings.json.bad-'))).toBe(true)
  })

  it('never throws on load, and reports a write that cannot happen naming the file', async () => {
    const blocker = join(dir, 'not-a-folder')
    writeFileSync(blocker, '')
    const port = new ElectronSettingsPort(blocker)
    const loaded = await port.load()
    expect(loaded.settings).toEqual(defaultSettings())
    expect(loaded.notice?.message).toMatch(/could not be read/)
    await expect(port.save(defaultSettings())).rejects.toThrow(
      `cannot write ${join(blocker, 'settings.json')}`
    )
  })

  const posix = process.platform !== 'win32'
  const OWNER_ONLY = 'writes the file owner-only'
  it.runIf(posix)(
    OWNER_ONLY + skipNote(posix, OWNER_ONLY, 'Windows has no POSIX file modes to check'),
    async () => {
      await new ElectronSettingsPort(dir).save(changed())
      expect(statSync(join(dir, 'settings.json')).mode & 0o077).toBe(0)
    }
  )

  const LINKS = 'never follows a link or waits on a FIFO as settings.json'
  it.runIf(posix)(
    LINKS + skipNote(posix, LINKS, 'Windows has no FIFOs or unprivileged links'),
    async () => {
      const target = join(dir, 'elsewhere.json')
      writeFileSync(target, 'not settings')
      chmodSync(target, 0o644)
      const linked = join(dir, 'linked')
      mkdirSync(linked, { mode: 0o700 })
      symlinkSync(target, join(linked, 'settings.json'))
      const port = new ElectronSettingsPort(linked)
      const loaded = await port.load()
      expect(loaded.settings).toEqual(defaultSettings())
      expect(loaded.notice?.message).toMatch(/it is a symbolic link, not a regular file/)
      await expect(port.save(changed())).rejects.toThrow(
        `cannot write ${join(linked, 'settings.json')}: it is a symbolic link, not a regular file`
      )
      expect({ text: readFileSync(target, 'utf8'), mode: statSync(target).mode & 0o777 }).toEqual({
        text: 'not settings',
        mode: 0o644
      })

      const fifoDir = join(dir, 'fifo')
      mkdirSync(fifoDir, { mode: 0o700 })
      execFileSync('mkfifo', ['-m', '600', join(fifoDir, 'settings.json')])
      const fifoPort = new ElectronSettingsPort(fifoDir)
      // A FIFO read or copied by path would block here for ever (the test's timeout fails it).
      const fromFifo = await fifoPort.load()
      expect(fromFifo.notice?.message).toMatch(/it is a FIFO \(named pipe\), not a regular file/)
      await expect(fifoPort.save(changed())).rejects.toThrow(/it is a FIFO/)
    },
    10_000
  )
})
