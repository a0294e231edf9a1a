import { afterEach, describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { defaultSettings } from '../../src/shared/defaults'
import type { Preferences } from '../../src/shared/schemas'
import { APP_VERSION } from '../../src/shared/version'
import {
  buildMenuTemplate,
  installMenu,
  nextTheme,
  type MenuOptions
} from '../../src/main/electron/menu'
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
    })
  }
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
  it('has File, Edit, View and Help, with Quit under File', () => {
    const template = buildMenuTemplate(options())
    expect(template.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Help'])
    expect(submenu(template, 'File').map((item) => item.role)).toEqual(['quit'])
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

  it('offers no import or export', () => {
    const labels = flatten(buildMenuTemplate(options({ dev: true, platform: 'darwin' }))).map(
      (item) => String(item.label ?? item.role ?? '')
    )
    expect(labels.filter((label) => /import|export/i.test(label))).toEqual([])
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
