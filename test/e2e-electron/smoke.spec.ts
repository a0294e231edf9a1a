import { _electron as electron, expect, test } from '@playwright/test'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defaultSettings } from '@shared/defaults'
import { BRIDGE_NAMES } from '@shared/api'
import { createHook, receiverUrl } from '../e2e/helpers'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron')

/** The installed Electron binary, found as the electron package finds it, or why there is none. */
function electronBinary(): { path: string | null; missing: string } {
  const pathFile = join(ELECTRON_DIR, 'path.txt')
  if (!existsSync(pathFile)) {
    return {
      path: null,
      missing: 'node_modules/electron/path.txt is missing (the binary download needs the internet)'
    }
  }
  const binary = join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(binary)) return { path: null, missing: `${binary} does not exist` }
  return { path: binary, missing: '' }
}

const binary = electronBinary()

const skipReason = `Electron binary not installed: ${binary.missing}`
// The list reporter does not show skip reasons, so the reason is printed where CI logs show it.
if (binary.path === null) console.log(`Skipping the Electron smoke test. ${skipReason}`)
test.skip(binary.path === null, skipReason)

test('the desktop app captures an insert fired at its built-in receiver', async () => {
  if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) {
    throw new Error('The app is not built: run `npm run build` first.')
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'hook-inspector-electron-'))
  // A free port for the receiver, so the test never collides with a running app.
  const settings = defaultSettings()
  settings.receiver.port = 0
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(settings))

  const app = await electron.launch({
    executablePath: binary.path!,
    // Chromium refuses to run its sandbox as root (CI containers); the page stays sandboxed.
    args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    cwd: ROOT,
    env: { ...process.env, HOOK_INSPECTOR_DATA_DIR: dataDir, ELECTRON_RENDERER_URL: '' }
  })
  try {
    const page = await app.firstWindow()
    expect(await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))).toBe(
      dataDir
    )
    const exposed = await page.evaluate<string[]>('Object.keys(window.hookInspector ?? {}).sort()')
    expect(exposed).toEqual([...BRIDGE_NAMES].sort())
    expect(await page.evaluate<string>('typeof require')).toBe('undefined')

    const url = await receiverUrl(page)
    await createHook(page, { name: 'Built-in receiver', url })
    await page.getByTestId('fire').click()
    await expect(page.getByTestId('dispatch-saved')).toContainText('Record saved')

    const row = page.getByTestId('timeline-row').first()
    await expect(row).toHaveAttribute('data-linked', 'true')
    await expect(row).toHaveAttribute('data-outcome', 'ok')
    await page.getByTestId('inspector-tab-received').click()
    await expect(page.getByTestId('inspector-answer-outcome')).toHaveText(/^Answered 200 after /)
  } finally {
    await app.close()
  }
  // Quitting closed the engine: the journal holds the capture.
  const journal = readFileSync(join(dataDir, 'history.jsonl'), 'utf8')
  expect(journal).toContain('"type":"capture"')
  expect(journal).toContain('"OnInsert":true')
  rmSync(dataDir, { recursive: true, force: true })
})
