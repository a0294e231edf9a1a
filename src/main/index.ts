/**
 * The desktop app's entry: wires the engine to the window, IPC, menu and OS integration. Each
 * concern lives in its own module under ./electron; nothing here but the order of things.
 */
import { app, dialog, ipcMain, session, type BrowserWindow } from 'electron'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createEngine, type Engine } from './engine'
import { installCsp } from './electron/csp'
import { isDevelopment } from './electron/dev-mode'
import { forwardEngineEvents } from './electron/events-forwarder'
import { registerApiHandlers } from './electron/ipc'
import { APP_OWNER, quitIfDataDirInUse } from './electron/data-dir-in-use'
import { createMainWindow } from './electron/main-window'
import { installMenu } from './electron/menu'
import { followThemePreference } from './electron/native-theme'
import { denyAllPermissions } from './electron/permissions'
import { closeOnQuit, quitOnSignals } from './electron/quit'
import { appPaths, isAppUrl, rendererLocation } from './electron/renderer-location'
import { SafeStorageSecretStore } from './electron/secret-store'
import { ElectronSettingsPort } from './electron/settings-store'
import { claimSingleInstance } from './electron/single-instance'
import { saveWindowState, WindowStateStore } from './electron/window-state'
import { errorMessage } from '@shared/error-message'

const mainDir = dirname(fileURLToPath(import.meta.url))
const paths = appPaths(mainDir)
const dev = isDevelopment({
  isPackaged: app.isPackaged,
  rendererUrl: process.env.ELECTRON_RENDERER_URL,
  argv: process.argv
})
const location = rendererLocation({
  dev,
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  rendererFile: paths.renderer
})
const isOwnPage = (url: string): boolean => isAppUrl(url, location)
const iconFile = join(mainDir, '..', '..', 'resources', 'icon.png')

// The same override as headless mode, so tests and portable setups can use another data folder.
// Set before the single-instance lock, which is per data folder.
if (process.env.HOOK_INSPECTOR_DATA_DIR) {
  app.setPath('userData', resolve(process.env.HOOK_INSPECTOR_DATA_DIR))
}
app.enableSandbox()

let window: BrowserWindow | null = null
const getWindow = (): BrowserWindow | null => window

async function start(): Promise<void> {
  const dataDir = app.getPath('userData')
  const engine: Engine = await createEngine({
    dataDir,
    settings: new ElectronSettingsPort(dataDir),
    secrets: new SafeStorageSecretStore(dataDir),
    portConflict: 'next-free',
    owner: APP_OWNER
  })
  const windowState = new WindowStateStore(dataDir)
  const forwarder = forwardEngineEvents(engine, getWindow)
  closeOnQuit(app, async () => {
    // Quitting exits without closing the window (Cmd+Q, signals): remember its place first.
    if (window) saveWindowState(window, windowState)
    forwarder.stop()
    await engine.close()
  })
  quitOnSignals(app)

  installCsp(session.defaultSession, location)
  denyAllPermissions(session.defaultSession)
  registerApiHandlers({ ipcMain, api: engine, getWindow, isAppUrl: isOwnPage })
  installMenu({ engine, dataDir, dev, platform: process.platform, getWindow })
  void followThemePreference(engine).catch(() => undefined)

  const open = (): void => {
    window = createMainWindow({
      preloadPath: paths.preload,
      location,
      dev,
      windowState,
      ...(existsSync(iconFile) ? { icon: iconFile } : {})
    })
    window.on('closed', () => {
      window = null
    })
  }
  open()
  app.on('activate', () => {
    if (window === null) open()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}

if (claimSingleInstance(app, getWindow)) {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      if (quitIfDataDirInUse(error, { app, dialog })) return
      dialog.showErrorBox('Hook Inspector could not start', errorMessage(error))
      app.exit(1)
    })
}
