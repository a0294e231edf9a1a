/**
 * A hand-written stand-in for the `electron` module, for `vi.mock('electron', …)`. It records what
 * the code under test registers (IPC handlers, window options, web-contents listeners, session
 * handlers, the exposed bridge) so tests can call those directly.
 */
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

type Listener = (...args: never[]) => unknown

let nextId = 1

export class FakeFrame {
  readonly frameToken = `frame-${nextId++}`
  constructor(
    public url: string,
    public parent: FakeFrame | null = null
  ) {}
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++
  readonly mainFrame: FakeFrame
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  destroyed = false
  readonly sent: { channel: string; args: unknown[] }[] = []

  constructor(url = 'about:blank') {
    super()
    this.mainFrame = new FakeFrame(url)
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    this.sent.push({ channel, args })
  }

  /** The first listener registered for an event, to call it as Electron would. */
  listener(event: string): Listener {
    const found = this.listeners(event)[0]
    if (!found) throw new Error(`no "${event}" listener`)
    return found as Listener
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = []
  readonly webContents: FakeWebContents
  destroyed = false
  minimized = false
  maximized = false
  shown = false
  focused = false
  loaded: { kind: 'url' | 'file'; target: string } | null = null
  normalBounds = { x: 10, y: 20, width: 1000, height: 700 }

  constructor(readonly options: Record<string, unknown>) {
    super()
    this.webContents = new FakeWebContents()
    FakeBrowserWindow.created.push(this)
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.created.filter((w) => !w.destroyed)
  }

  async loadURL(url: string): Promise<void> {
    this.loaded = { kind: 'url', target: url }
    this.webContents.mainFrame.url = url
  }

  async loadFile(file: string): Promise<void> {
    this.loaded = { kind: 'file', target: file }
    this.webContents.mainFrame.url = new URL(`file://${file}`).href
  }

  isDestroyed(): boolean {
    return this.destroyed
  }
  isMinimized(): boolean {
    return this.minimized
  }
  isMaximized(): boolean {
    return this.maximized
  }
  maximize(): void {
    this.maximized = true
  }
  restore(): void {
    this.minimized = false
  }
  show(): void {
    this.shown = true
  }
  focus(): void {
    this.focused = true
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.normalBounds }
  }
}

export const handlers = new Map<string, (...args: unknown[]) => unknown>()

export const ipcMain = {
  handle: vi.fn((channel: string, fn: (...args: unknown[]) => unknown) => {
    if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    handlers.set(channel, fn)
  }),
  removeHandler: vi.fn((channel: string) => {
    handlers.delete(channel)
  }),
  on: vi.fn()
}

export const appEvents = new EventEmitter()

export const app = {
  isPackaged: false,
  userData: '/nonexistent-user-data',
  getPath: vi.fn((name: string) => {
    if (name !== 'userData') throw new Error(`unexpected getPath(${name})`)
    return app.userData
  }),
  getVersion: () => '0.1.0',
  on: vi.fn((event: string, listener: Listener) => {
    appEvents.on(event, listener as (...args: unknown[]) => void)
    return app
  }),
  quit: vi.fn(),
  exit: vi.fn(),
  requestSingleInstanceLock: vi.fn(() => true)
}

/** Reversible, recognisably not the plain text: stands in for the OS keychain's encryption. */
export const safeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  encryptString: vi.fn((plain: string) =>
    Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)])
  ),
  decryptString: vi.fn((data: Buffer) => {
    if (data.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting')
    return Buffer.from(data.subarray(3).map((b) => b ^ 0x5a)).toString('utf8')
  })
}

export const shell = {
  openExternal: vi.fn(async (_url: string) => undefined),
  openPath: vi.fn(async (_path: string) => '')
}

export const defaultSession = {
  webRequest: { onHeadersReceived: vi.fn() },
  setPermissionRequestHandler: vi.fn(),
  setPermissionCheckHandler: vi.fn()
}
export const session = { defaultSession }

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn()
}

export const dialog = {
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
  showErrorBox: vi.fn((_title: string, _content: string) => undefined),
  showSaveDialog: vi.fn(
    async (..._args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> => ({
      canceled: true
    })
  ),
  showOpenDialog: vi.fn(
    async (..._args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> => ({
      canceled: true,
      filePaths: []
    })
  )
}

export const screen = {
  getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }])
}

export const nativeTheme = { themeSource: 'system' }

export const exposed: Record<string, unknown> = {}
export const contextBridge = {
  exposeInMainWorld: vi.fn((name: string, api: unknown) => {
    exposed[name] = api
  })
}

export const ipcRendererListeners = new Map<string, Listener[]>()
export const ipcRenderer = {
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined),
  on: vi.fn((channel: string, listener: Listener) => {
    ipcRendererListeners.set(channel, [...(ipcRendererListeners.get(channel) ?? []), listener])
  })
}

const electron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  ipcMain,
  safeStorage,
  shell,
  session,
  Menu,
  dialog,
  screen,
  nativeTheme,
  contextBridge,
  ipcRenderer
}

/** What `vi.mock('electron', …)` returns: named exports plus the default export. */
export const electronModule = { ...electron, default: electron }
