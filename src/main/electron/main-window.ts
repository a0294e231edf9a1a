import { BrowserWindow, dialog, screen, type WebPreferences } from 'electron'
import { guardNavigation } from './navigation-guard'
import { isAppUrl, type RendererLocation } from './renderer-location'
import {
  initialWindowState,
  MIN_WINDOW_SIZE,
  trackWindowState,
  type WindowStateStore
} from './window-state'
import { errorMessage } from '@shared/error-message'

export interface MainWindowOptions {
  preloadPath: string
  location: RendererLocation
  /** Development: devtools allowed. */
  dev: boolean
  windowState: WindowStateStore
  /** The window icon (Linux and Windows; macOS uses the bundle's). */
  icon?: string
}

/**
 * The renderer's privileges (docs/ARCHITECTURE.md, Security). Threat: the page shows attacker-controlled content, so
 * it gets no Node, runs in the OS sandbox, in its own JavaScript world apart from the preload,
 * with same-origin checks on, and devtools only in development.
 */
export function secureWebPreferences(preloadPath: string, dev: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    nodeIntegration: false,
    sandbox: true,
    webSecurity: true,
    devTools: dev
  }
}

/**
 * The one app window: secure preferences, navigation locked to the app page, size and position
 * remembered, shown once painted. A page that cannot load is reported instead of a blank window.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea)
  const initial = initialWindowState(options.windowState.load(), workAreas)
  const window = new BrowserWindow({
    ...initial.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Hook Inspector',
    show: false,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: secureWebPreferences(options.preloadPath, options.dev)
  })
  if (initial.maximized) window.maximize()
  guardNavigation(window.webContents, (url) => isAppUrl(url, options.location))
  trackWindowState(window, options.windowState)
  window.once('ready-to-show', () => window.show())

  const loading =
    options.location.kind === 'dev-server'
      ? window.loadURL(options.location.url)
      : window.loadFile(options.location.file)
  loading.catch((error: unknown) => {
    if (window.isDestroyed()) return
    const where =
      options.location.kind === 'dev-server' ? options.location.url : options.location.file
    dialog.showErrorBox(
      'Hook Inspector could not load its window',
      `${where}: ${errorMessage(error)}\nRun \`npm run build\` and start again.`
    )
    window.show()
  })
  return window
}
