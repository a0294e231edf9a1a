import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ExportRequest, ImportRequest, ImportSummary } from '@shared/sharing'
import type { MenuItemConstructorOptions } from 'electron'
import { defaultSettings } from '@shared/defaults'
import type { Preferences } from '@shared/schemas'
import { APP_VERSION } from '@shared/version'
import { buildMenuTemplate, installMenu, nextTheme, type MenuOptions } from '@main/electron/menu'
import { dialog, Menu, shell } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).electronModule)

function fakeEngine(theme: Preferences['theme'] = 'system') {
  const settings = defaultSettings()
  settings.preferences.theme = theme
  return {
    getSettings: vi.fn(async () => structuredClone(settings)),
    setPreferences: vi.fn(async (patch: Partial<Preferences>) => {
      Object.assign(settings.preferences, patch)
      return structuredClone(settings.preferences)
    }),
    // The app writes exports through the engine's streamed, owner-only writer.
    writeExport: vi.fn(async (format: 'har' | 'bundle', req: ExportRequest, file: string) => {
      const what = format === 'har' ? 'HAR' : 'BUNDLE'
      writeFileSync(file, `${what} secrets=${String(req.includeSecrets)}`, { mode: 0o600 })
    }),
    importFile: vi.fn(async (req: ImportRequest): Promise<ImportSummary> => {
      if (req.text.includes('hostile')) throw new Error('reserved key "__proto__"')
      return {
        format: 'har',
        hooks: 0,
        scenarios: 0,
        behavior: false,
        historyEntries: 3,
        messages: []
      }
    })
  }
}

let tmp: string
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'hi-menu-'))
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 5))
}

function options(overrides: Partial<MenuOptions> = {}): MenuOptions {
  return {
    engine: fakeEngine(),
    dataDir: '/home/ann/.config/hook-inspector',
    dev: false,
    platform: 'linux',
    getWindow: () => null,
    ...overrides
  }
}

type Item = MenuItemConstructorOptions

function flatten(items: Item[]): Item[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu as Item[]) : [])
  ])
}

function submenu(template: Item[], label: string): Item[] {
  const menu = template.find((item) => item.label === label)
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no ${label} menu`)
  return menu.submenu as Item[]
}

function click(item: Item | undefined): void {
  if (!item?.click) throw new Error('not clickable')
  ;(item.click as () => void)()
}

afterEach(() => {
  vi.clearAllMocks()
})

describe('the application menu', () => {
  it('has File, Edit, View and Help, with export, import and Quit under File', () => {
    const template = buildMenuTemplate(options())
    expect(template.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Help'])
    const file = submenu(template, 'File').filter((item) => item.type !== 'separator')
    expect(file.map((item) => item.id ?? item.role)).toEqual([
      'export-har',
      'export-bundle',
      'import',
      'quit'
    ])
  })

  it('has an app menu with Quit on macOS', () => {
    const template = buildMenuTemplate(options({ platform: 'darwin' }))
    expect(template[0]!.label).toBe('Hook Inspector')
    expect(submenu(template, 'Hook Inspector').some((item) => item.role === 'quit')).toBe(true)
  })

  it('uses roles in Edit so the standard shortcuts work in inputs', () => {
    const roles = submenu(buildMenuTemplate(options()), 'Edit').map((item) => item.role)
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']) {
      expect(roles).toContain(role)
    }
  })

  it('has reload and zoom, and devtools only in development', () => {
    const roles = (dev: boolean): unknown[] =>
      submenu(buildMenuTemplate(options({ dev })), 'View').map((item) => item.role)
    for (const role of ['reload', 'zoomIn', 'zoomOut', 'resetZoom']) {
      expect(roles(false)).toContain(role)
    }
    expect(roles(false)).not.toContain('toggleDevTools')
    expect(roles(true)).toContain('toggleDevTools')
  })

  it('File → Export History as HAR… asks about secrets, then writes where the user chose', async () => {
    const engine = fakeEngine()
    const file = join(tmp, 'out.har')
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false })
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: file })
    click(flatten(buildMenuTemplate(options({ engine }))).find((i) => i.id === 'export-har'))
    await settle()
    expect(engine.writeExport).toHaveBeenCalledWith('har', { includeSecrets: true }, file)
    expect(readFileSync(file, 'utf8')).toBe('HAR secrets=true')

    // Cancelled at the secrets question: nothing is exported.
    dialog.showMessageBox.mockResolvedValueOnce({ response: 2, checkboxChecked: false })
    click(flatten(buildMenuTemplate(options({ engine }))).find((i) => i.id === 'export-bundle'))
    await settle()
    expect(engine.writeExport).toHaveBeenCalledTimes(1)
    expect(dialog.showSaveDialog).toHaveBeenCalledTimes(1)
  })

  it('File → Export Support Bundle… leaves secrets out by default', async () => {
    const engine = fakeEngine()
    const file = join(tmp, 'support.hookinspector.json')
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false })
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: file })
    click(flatten(buildMenuTemplate(options({ engine }))).find((i) => i.id === 'export-bundle'))
    await settle()
    expect(readFileSync(file, 'utf8')).toBe('BUNDLE secrets=false')
  })

  it('File → Import… imports the chosen file and says what came in, or why not', async () => {
    const engine = fakeEngine()
    const good = join(tmp, 'in.har')
    writeFileSync(good, '{"log":{}}')
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [good] })
    click(flatten(buildMenuTemplate(options({ engine }))).find((i) => i.id === 'import'))
    await settle()
    expect(engine.importFile).toHaveBeenCalledWith({ text: '{"log":{}}', fileName: good })
    const shown = dialog.showMessageBox.mock.calls.at(-1)?.[0] as { message: string }
    expect(shown.message).toBe('Imported 3 history entries.')

    const bad = join(tmp, 'bad.json')
    writeFileSync(bad, '{"hostile":true}')
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [bad] })
    click(flatten(buildMenuTemplate(options({ engine }))).find((i) => i.id === 'import'))
    await settle()
    expect(dialog.showErrorBox).toHaveBeenCalledWith(
      'Import failed',
      `${bad} was not imported: reserved key "__proto__"`
    )
  })

  it('cycles the theme system → light → dark → system through the engine', async () => {
    expect(nextTheme('system')).toBe('light')
    expect(nextTheme('light')).toBe('dark')
    expect(nextTheme('dark')).toBe('system')
    const engine = fakeEngine('system')
    const toggle = flatten(buildMenuTemplate(options({ engine }))).find(
      (item) => item.id === 'toggle-theme'
    )
    const seen: unknown[] = []
    for (let i = 0; i < 3; i++) {
      click(toggle)
      await vi.waitFor(() => expect(engine.setPreferences).toHaveBeenCalledTimes(i + 1))
      seen.push(engine.setPreferences.mock.calls[i]![0])
    }
    expect(seen).toEqual([{ theme: 'light' }, { theme: 'dark' }, { theme: 'system' }])
  })

  it('shows About with the version', async () => {
    click(flatten(buildMenuTemplate(options())).find((item) => item.id === 'about'))
    await vi.waitFor(() => expect(dialog.showMessageBox).toHaveBeenCalledTimes(1))
    const box = dialog.showMessageBox.mock.calls[0]!.at(-1) as { message: string }
    expect(box.message).toBe(`Hook Inspector ${APP_VERSION}`)
  })

  it('opens the data folder, and says so when it cannot', async () => {
    const open = flatten(buildMenuTemplate(options())).find(
      (item) => item.id === 'open-data-folder'
    )
    click(open)
    await vi.waitFor(() =>
      expect(shell.openPath).toHaveBeenCalledWith('/home/ann/.config/hook-inspector')
    )
    expect(dialog.showErrorBox).not.toHaveBeenCalled()
    vi.mocked(shell.openPath).mockResolvedValueOnce('No application is registered')
    click(open)
    await vi.waitFor(() => expect(dialog.showErrorBox).toHaveBeenCalledTimes(1))
    expect(String(vi.mocked(dialog.showErrorBox).mock.calls[0]![1])).toContain(
      'No application is registered'
    )
  })

  it('is installed as the application menu', () => {
    installMenu(options())
    expect(Menu.buildFromTemplate).toHaveBeenCalledTimes(1)
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(
      vi.mocked(Menu.buildFromTemplate).mock.results[0]!.value
    )
  })
})
