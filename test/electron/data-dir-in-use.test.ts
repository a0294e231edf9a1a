import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createEngine, LOCK_DIR, OWNER_FILE } from '@main/engine'
import { lockDataDir, type DataDirLock } from '@main/engine/data-dir-lock'
import { APP_OWNER, quitIfDataDirInUse } from '@main/electron/data-dir-in-use'
import { SafeStorageSecretStore } from '@main/electron/secret-store'
import { ElectronSettingsPort } from '@main/electron/settings-store'
import { dataDirInUseMessage, type DataDirOwner } from '@shared/data-dir-owner'
import { app, dialog } from './fake-electron'

// See settings-store.test.ts: electron-store gets the real `electron` package, kept from downloading.
vi.hoisted(() => {
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron-dist'
})
vi.mock('electron', async () => (await import('./fake-electron')).electronModule)

/** The app's start, as src/main/index.ts does it, up to the engine. */
function startApp(dataDir: string) {
  return createEngine({
    dataDir,
    settings: new ElectronSettingsPort(dataDir),
    secrets: new SafeStorageSecretStore(dataDir),
    portConflict: 'next-free',
    startReceiver: false,
    owner: APP_OWNER
  })
}

describe('the desktop app on a data folder another process owns', () => {
  let dir: string
  let held: DataDirLock | null = null

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hi-app-lock-'))
    app.userData = dir
    vi.mocked(dialog.showErrorBox).mockClear()
    vi.mocked(app.exit).mockClear()
  })
  afterEach(async () => {
    await held?.release()
    held = null
    rmSync(dir, { recursive: true, force: true })
  })

  it('shows the same sentence as the CLI in a dialog and quits, having touched nothing', async () => {
    held = await lockDataDir(dir, { command: 'hook-inspector serve' })
    const owner = JSON.parse(readFileSync(join(dir, LOCK_DIR, OWNER_FILE), 'utf8')) as DataDirOwner
    const error = await startApp(dir).catch((e: unknown) => e)
    expect(quitIfDataDirInUse(error, { app, dialog })).toBe(true)
    expect(dialog.showErrorBox).toHaveBeenCalledTimes(1)
    const [title, content] = vi.mocked(dialog.showErrorBox).mock.calls[0]!
    expect(title).toBe('Hook Inspector cannot use its data folder')
    expect(content).toBe(dataDirInUseMessage(dir, owner))
    expect(content).toMatch(
      new RegExp(
        `^data dir .+ is in use by pid ${process.pid} \\(hook-inspector serve since \\d\\d:\\d\\d\\)$`
      )
    )
    expect(app.exit).toHaveBeenCalledWith(2)
    // Only the holder's lock is there: no settings, secrets or history were created.
    expect(readdirSync(dir)).toEqual([LOCK_DIR])
  })

  it('names itself to a second writer, and gives the folder up when it closes', async () => {
    const engine = await startApp(dir)
    const refused = await lockDataDir(dir, { command: 'hook-inspector fire' }).catch(
      (e: unknown) => e
    )
    expect((refused as Error).message).toMatch(/\(Hook Inspector desktop app since \d\d:\d\d\)$/)
    await engine.close()
    held = await lockDataDir(dir, { command: 'hook-inspector fire' })
    expect(held.takenOver).toBeNull()
  })

  it('leaves any other start failure to the caller', () => {
    expect(quitIfDataDirInUse(new Error('boom'), { app, dialog })).toBe(false)
    expect(dialog.showErrorBox).not.toHaveBeenCalled()
    expect(app.exit).not.toHaveBeenCalled()
  })
})
