import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow } from 'electron'
import { API_METHODS, IPC_INVOKE_PREFIX, type ApiMethod } from '@shared/api'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import { unpackIpcError } from '@shared/ipc-names'
import { ValidationError } from '@shared/validation'
import { registerApiHandlers } from '@main/electron/ipc'
import { isAppUrl, rendererLocation } from '@main/electron/renderer-location'
import { FakeBrowserWindow, FakeFrame, handlers, ipcMain } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).electronModule)

const RENDERER = '/opt/hook-inspector/out/renderer/index.html'
const location = rendererLocation({ dev: false, devServerUrl: undefined, rendererFile: RENDERER })
const APP_URL = new URL(`file://${RENDERER}`).href

/** Valid arguments for every method, and what the fake engine answers. */
const VALID: Record<ApiMethod, unknown[]> = {
  getInfo: [],
  getSettings: [],
  saveHook: [{ name: 'Local', url: 'http://127.0.0.1:4700/' }],
  deleteHook: ['hook_1'],
  setBehavior: [HEALTHY_BEHAVIOR],
  setPreferences: [{ theme: 'dark' }],
  startReceiver: [{ port: 4700 }],
  stopReceiver: [],
  fire: [{ hookId: 'hook_1', event: 'insert' }],
  abortExchange: ['ex_1'],
  listHistory: [{ limit: 10 }],
  historyPage: [{ limit: 10 }],
  clearHistory: [],
  decodeBody: ['cap_1'],
  dismissNotice: ['notice_1'],
  runCheck: [{ url: 'http://127.0.0.1:9/' }],
  saveScenario: [
    { name: 'Demo', steps: [{ title: 'Insert', event: 'insert', expect: { outcome: 'success' } }] }
  ],
  deleteScenario: ['scn_1'],
  replay: [{ sourceId: 'exc_1', credentials: { email: 'ann@site.org', password: 'p:w' } }],
  exportHar: [{}],
  exportBundle: [{ includeSecrets: false }],
  importFile: [{ text: '{}' }],
  runCapacity: [{ url: 'http://127.0.0.1:9/', levels: [1, 4] }],
  stopCapacity: [],
  startPublic: [{ provider: 'ssh', target: 'nokey@localhost.run' }],
  stopPublic: [],
  getPublicStatus: [],
  allowAnonymous: []
}

/** Invalid arguments for every method, and the words the error must contain. */
const INVALID: Record<ApiMethod, { args: unknown[]; message: RegExp }> = {
  getInfo: { args: ['extra'], message: /^getInfo takes no arguments, not 1\.$/ },
  getSettings: { args: [{}], message: /^getSettings takes no arguments/ },
  saveHook: { args: [{ name: '', url: 'http://x/' }], message: /^name: must not be empty/ },
  deleteHook: { args: [42], message: /^id: .*expected string/ },
  setBehavior: { args: [{ ...HEALTHY_BEHAVIOR, status: 42 }], message: /^status: / },
  setPreferences: { args: [{ theme: 'purple' }], message: /^theme: / },
  startReceiver: { args: [{ port: 70000 }], message: /^port: / },
  stopReceiver: { args: [1], message: /^stopReceiver takes no arguments/ },
  fire: { args: [{ hookId: 'hook_1', event: 'delete' }], message: /^event: / },
  abortExchange: { args: [''], message: /^id: Too small/ },
  listHistory: { args: [{ limit: 0 }], message: /^limit: / },
  historyPage: { args: [{ offset: -1 }], message: /^offset: / },
  clearHistory: { args: [null], message: /^clearHistory takes no arguments/ },
  decodeBody: { args: [''], message: /^captureId: Too small/ },
  dismissNotice: { args: [{ id: 'x' }], message: /^id: .*expected string/ },
  runCheck: { args: [{ url: '' }], message: /^url: must not be empty/ },
  saveScenario: { args: [{ name: 'Demo', steps: [] }], message: /^steps: must have at least/ },
  deleteScenario: { args: [7], message: /^id: .*expected string/ },
  replay: { args: [{ sourceId: 'exc_1', body: 5 }], message: /^body: / },
  exportHar: { args: [{ includeSecrets: 'yes' }], message: /^includeSecrets: / },
  exportBundle: { args: [{ ids: [''] }], message: /^ids\[0\]: / },
  importFile: { args: [{ text: 1 }], message: /^text: / },
  runCapacity: { args: [{ url: 'http://127.0.0.1:9/', levels: [201] }], message: /^levels\[0\]: / },
  stopCapacity: { args: [{}], message: /^stopCapacity takes no arguments/ },
  startPublic: { args: [{ provider: 'ssh', target: 'nohost' }], message: /^target: / },
  stopPublic: { args: [1], message: /^stopPublic takes no arguments/ },
  getPublicStatus: { args: [1], message: /^getPublicStatus takes no arguments/ },
  allowAnonymous: { args: [true], message: /^allowAnonymous takes no arguments/ }
}

function fakeEngine(): Record<ApiMethod, ReturnType<typeof vi.fn>> {
  return Object.fromEntries(
    API_METHODS.map((method) => [method, vi.fn(async () => ({ answeredBy: method }))])
  ) as Record<ApiMethod, ReturnType<typeof vi.fn>>
}

let window: FakeBrowserWindow
let engine: ReturnType<typeof fakeEngine>

function realEvent(): { sender: unknown; senderFrame: unknown } {
  return { sender: window.webContents, senderFrame: window.webContents.mainFrame }
}

/** Calls a handler as the preload does: a packed refusal is taken apart into message and field. */
function invoke(method: ApiMethod, event: unknown, args: unknown[]): Promise<unknown> {
  const handler = handlers.get(`${IPC_INVOKE_PREFIX}${method}`)
  if (!handler) throw new Error(`no handler for ${method}`)
  return Promise.resolve()
    .then(() => handler(event, ...args))
    .catch((error: unknown) => {
      const packed = unpackIpcError(error instanceof Error ? error.message : String(error))
      if (packed === null) throw error
      throw Object.assign(new Error(packed.message), { field: packed.field })
    })
}

beforeEach(async () => {
  handlers.clear()
  window = new FakeBrowserWindow({})
  await window.loadFile(RENDERER)
  engine = fakeEngine()
  registerApiHandlers({
    ipcMain,
    api: engine as never,
    getWindow: () => window as unknown as BrowserWindow,
    isAppUrl: (url) => isAppUrl(url, location)
  })
})

afterEach(() => {
  vi.clearAllMocks()
})

describe('IPC handlers', () => {
  it('registers exactly one prefixed channel per API method', () => {
    expect([...handlers.keys()].sort()).toEqual(
      API_METHODS.map((m) => `${IPC_INVOKE_PREFIX}${m}`).sort()
    )
  })

  describe.each(API_METHODS)('%s', (method) => {
    it('accepts a valid call from the app page and answers with the engine result', async () => {
      await expect(invoke(method, realEvent(), VALID[method])).resolves.toEqual({
        answeredBy: method
      })
      expect(engine[method]).toHaveBeenCalledTimes(1)
      expect(engine[method].mock.calls[0]).toHaveLength(VALID[method].length)
    })

    it('rejects a call without a sender frame', async () => {
      const event = { sender: window.webContents, senderFrame: null }
      await expect(invoke(method, event, VALID[method])).rejects.toThrow(
        `Blocked a call to ${method}: the sending frame is gone.`
      )
      expect(engine[method]).not.toHaveBeenCalled()
    })

    it('rejects a main frame showing another URL', async () => {
      window.webContents.mainFrame.url = 'https://evil.example/'
      await expect(invoke(method, realEvent(), VALID[method])).rejects.toThrow(
        /Blocked a call to .*: it does not come from the app page/
      )
      window.webContents.mainFrame.url = new URL('file:///opt/other/index.html').href
      await expect(invoke(method, realEvent(), VALID[method])).rejects.toThrow(/app page/)
      expect(engine[method]).not.toHaveBeenCalled()
    })

    it('rejects a subframe, even one at the app URL', async () => {
      const subframe = new FakeFrame(APP_URL, window.webContents.mainFrame)
      const event = { sender: window.webContents, senderFrame: subframe }
      await expect(invoke(method, event, VALID[method])).rejects.toThrow(/main frame/)
      expect(engine[method]).not.toHaveBeenCalled()
    })

    it('rejects another window at the app URL', async () => {
      const other = new FakeBrowserWindow({})
      await other.loadFile(RENDERER)
      const event = { sender: other.webContents, senderFrame: other.webContents.mainFrame }
      await expect(invoke(method, event, VALID[method])).rejects.toThrow(/app window/)
      expect(engine[method]).not.toHaveBeenCalled()
    })

    it('rejects invalid arguments with a message naming what is wrong, without a stack', async () => {
      const { args, message } = INVALID[method]
      const error = await invoke(method, realEvent(), args).then(
        () => null,
        (e: unknown) => e as Error
      )
      expect(error).toBeInstanceOf(Error)
      expect(error!.message).toMatch(message)
      expect(error!.message).not.toMatch(/\n\s+at /)
      expect(engine[method]).not.toHaveBeenCalled()
    })
  })

  it('names a missing argument by the method and what it takes', async () => {
    await expect(invoke('saveHook', realEvent(), [])).rejects.toThrow(
      'saveHook takes one argument (hook), not 0.'
    )
    expect(engine.saveHook).not.toHaveBeenCalled()
  })

  it('keeps the field a refusal concerns, as the HTTP transport does', async () => {
    const error = (await invoke('saveHook', realEvent(), [
      { name: '', url: 'http://127.0.0.1:9/' }
    ]).catch((e: unknown) => e)) as Error & { field?: string | null }
    expect(error).toMatchObject({ message: 'name: must not be empty', field: 'name' })
    engine.replay.mockRejectedValueOnce(new ValidationError('Give the credentials.', 'credentials'))
    const refused = (await invoke('replay', realEvent(), [{ sourceId: 'exc_1' }]).catch(
      (e: unknown) => e
    )) as Error & { field?: string | null }
    expect(refused).toMatchObject({ message: 'Give the credentials.', field: 'credentials' })
  })

  it('passes the validated arguments (defaults applied) to the engine', async () => {
    await invoke('saveHook', realEvent(), VALID.saveHook)
    expect(engine.saveHook.mock.calls[0]![0]).toMatchObject({
      name: 'Local',
      timeoutSeconds: 30,
      email: '',
      enabled: true
    })
  })

  it('hands engine errors to the renderer as a plain message', async () => {
    engine.fire.mockRejectedValueOnce(new Error('No hook with id "hook_1".'))
    const error = (await invoke('fire', realEvent(), VALID.fire).catch((e: unknown) => e)) as Error
    expect(error.message).toBe('No hook with id "hook_1".')
    expect(error.constructor).toBe(Error)
  })

  it('refuses every call once the window is gone', async () => {
    window.destroyed = true
    await expect(invoke('getInfo', realEvent(), [])).rejects.toThrow(/app window is not open/)
  })

  it('accepts the dev server origin in development, and nothing else', async () => {
    handlers.clear()
    const dev = rendererLocation({
      dev: true,
      devServerUrl: 'http://localhost:5173/',
      rendererFile: RENDERER
    })
    registerApiHandlers({
      ipcMain,
      api: engine as never,
      getWindow: () => window as unknown as BrowserWindow,
      isAppUrl: (url) => isAppUrl(url, dev)
    })
    window.webContents.mainFrame.url = 'http://localhost:5173/#/history'
    await expect(invoke('getInfo', realEvent(), [])).resolves.toEqual({ answeredBy: 'getInfo' })
    window.webContents.mainFrame.url = 'http://localhost:5174/'
    await expect(invoke('getInfo', realEvent(), [])).rejects.toThrow(/app page/)
  })

  it('removes its handlers when asked', () => {
    handlers.clear()
    const unregister = registerApiHandlers({
      ipcMain,
      api: engine as never,
      getWindow: () => null,
      isAppUrl: () => true
    })
    expect(handlers.size).toBe(API_METHODS.length)
    unregister()
    expect(handlers.size).toBe(0)
  })
})
