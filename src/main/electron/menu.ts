import { dialog, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import type { HookInspectorApi } from '@shared/api'
import type { Preferences } from '@shared/schemas'
import { APP_VERSION } from '@shared/version'
import {
  exportBundleToFile,
  exportHarToFile,
  importFromFile,
  type TransferEngine
} from './file-transfer'
import { errorMessage } from '@shared/error-message'

type Theme = Preferences['theme']

const THEME_CYCLE: readonly Theme[] = ['system', 'light', 'dark']

/** The theme after this one: system → light → dark → system. */
export function nextTheme(theme: Theme): Theme {
  const index = THEME_CYCLE.indexOf(theme)
  return THEME_CYCLE[(index + 1) % THEME_CYCLE.length] ?? 'system'
}

export interface MenuOptions {
  engine: Pick<HookInspectorApi, 'getSettings' | 'setPreferences'> & TransferEngine
  /** The app's data folder (Help → Open Data Folder). */
  dataDir: string
  /** Development: the devtools item is there. */
  dev: boolean
  platform: NodeJS.Platform
  getWindow: () => BrowserWindow | null
}

function liveWindow(options: MenuOptions): BrowserWindow | null {
  const window = options.getWindow()
  return window && !window.isDestroyed() ? window : null
}

/**
 * Cycles the theme as a preference change through the engine, so the saved settings, the UI
 * (via settings-changed) and every transport agree on it.
 */
export async function toggleTheme(engine: MenuOptions['engine']): Promise<Theme> {
  const settings = await engine.getSettings()
  const preferences = await engine.setPreferences({ theme: nextTheme(settings.preferences.theme) })
  return preferences.theme
}

/** The About dialog: what is running, for bug reports. */
export async function showAbout(options: MenuOptions): Promise<void> {
  const detail = [
    `Version ${APP_VERSION}`,
    `Electron ${process.versions.electron ?? 'unknown'}`,
    `Chromium ${process.versions.chrome ?? 'unknown'}`,
    `Node.js ${process.versions.node}`,
    '',
    'Fire TrialKit study hook events, capture them, and see what the TrialKit user would see.'
  ].join('\n')
  const box = {
    type: 'info' as const,
    title: 'About Hook Inspector',
    message: `Hook Inspector ${APP_VERSION}`,
    detail,
    buttons: ['OK']
  }
  const window = liveWindow(options)
  await (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box))
}

/** Opens the data folder (settings, history) in the file manager; a failure is shown. */
export async function openDataFolder(dataDir: string): Promise<void> {
  const error = await shell.openPath(dataDir)
  if (error) dialog.showErrorBox('Cannot open the data folder', `${dataDir}: ${error}`)
}

function reportFailure(title: string): (error: unknown) => void {
  return (error) => dialog.showErrorBox(title, errorMessage(error))
}

/**
 * The application menu. Edit uses roles so the standard shortcuts (undo, copy, paste, select all)
 * work in every input; devtools only in development.
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  const about = (): void => void showAbout(options).catch(reportFailure('About'))
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: 'Hook Inspector',
          submenu: [
            { label: 'About Hook Inspector', click: about },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' }
          ]
        }
      ]
    : []
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { type: 'separator' },
    {
      id: 'toggle-theme',
      label: 'Toggle Theme',
      accelerator: 'CmdOrCtrl+Shift+L',
      click: () =>
        void toggleTheme(options.engine).catch(reportFailure('The theme could not be changed'))
    },
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' }
  ]
  if (options.dev) view.push({ type: 'separator' }, { role: 'toggleDevTools' })
  const window = (): BrowserWindow | null => liveWindow(options)
  const file: MenuItemConstructorOptions[] = [
    {
      id: 'export-har',
      label: 'Export History as HAR…',
      accelerator: 'CmdOrCtrl+Shift+E',
      click: () =>
        void exportHarToFile(options.engine, window()).catch(reportFailure('Export failed'))
    },
    {
      id: 'export-bundle',
      label: 'Export Support Bundle…',
      click: () =>
        void exportBundleToFile(options.engine, window()).catch(reportFailure('Export failed'))
    },
    { type: 'separator' },
    {
      id: 'import',
      label: 'Import HAR or Bundle…',
      accelerator: 'CmdOrCtrl+Shift+I',
      click: () =>
        void importFromFile(options.engine, window()).catch(reportFailure('Import failed'))
    },
    { type: 'separator' },
    mac ? { role: 'close' } : { role: 'quit', label: 'Quit' }
  ]
  return [
    ...appMenu,
    { label: 'File', submenu: file },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' }
      ]
    },
    { label: 'View', submenu: view },
    {
      role: 'help',
      label: 'Help',
      submenu: [
        { id: 'about', label: 'About Hook Inspector', click: about },
        {
          id: 'open-data-folder',
          label: 'Open Data Folder',
          click: () =>
            void openDataFolder(options.dataDir).catch(reportFailure('Cannot open the data folder'))
        }
      ]
    }
  ]
}

/** Installs the application menu. */
export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)))
}
