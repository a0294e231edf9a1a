/**
 * The API contract (api-contract.ts) against every implementation: the engine itself, the
 * preload over IPC to the real main-side handlers, the HTTP bridge over a real control server on
 * loopback, and the component tests' fake bridge. The engine behind the transports is a real
 * headless one, in memory, without a receiver listening.
 */
import { beforeAll, vi } from 'vitest'
import { registerApiHandlers } from '@main/electron/ipc'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { startControlServer } from '@main/web/control-server'
import { createHttpBridge } from '@renderer/bridge/http-bridge'
import type { HookInspectorBridge } from '@shared/api'
import { FakeBridge } from '../helpers/fake-bridge'
import {
  FakeBrowserWindow,
  exposed,
  handlers,
  ipcMain,
  ipcRenderer
} from '../electron/fake-electron'
import { describeApiContract } from './api-contract'

vi.mock('electron', async () => (await import('../electron/fake-electron')).electronModule)

function headlessEngine(): Promise<Engine> {
  return createHeadlessEngine({ dataDir: null, startReceiver: false })
}

describeApiContract('the engine', async () => {
  const engine = await headlessEngine()
  return { api: engine, dispose: () => engine.close() }
})

let preloadBridge: HookInspectorBridge
let window: FakeBrowserWindow

beforeAll(async () => {
  window = new FakeBrowserWindow({})
  await window.loadFile('/opt/hook-inspector/out/renderer/index.html')
  // ipcRenderer.invoke reaches the handler main registered for the channel, from the app window,
  // with the arguments copied as Electron copies them and an error wrapped as Electron wraps it.
  vi.mocked(ipcRenderer.invoke).mockImplementation(async (...all: unknown[]) => {
    const [channel, ...args] = all as [string, ...unknown[]]
    const handler = handlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame }
    try {
      return structuredClone(await handler(event, ...structuredClone(args)))
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`)
    }
  })
  await import('../../src/preload/index')
  preloadBridge = exposed.hookInspector as HookInspectorBridge
})

describeApiContract('the preload over IPC', async () => {
  const engine = await headlessEngine()
  const unregister = registerApiHandlers({
    ipcMain,
    api: engine,
    getWindow: () => window as never,
    isAppUrl: (url) => url === window.webContents.mainFrame.url
  })
  return {
    api: preloadBridge,
    async dispose() {
      unregister()
      await engine.close()
    }
  }
})

describeApiContract('the HTTP bridge over the control server', async () => {
  const engine = await headlessEngine()
  const token = 'contract-test-token-0123456789abcdef'
  const server = await startControlServer({ engine, token, staticDir: null, port: 0 })
  const api = createHttpBridge({ baseUrl: server.url.replace(/\/$/, ''), token })
  return {
    api,
    async dispose() {
      await server.close()
      await engine.close()
    }
  }
})

describeApiContract('the fake bridge', async () => ({
  api: new FakeBridge(),
  dispose: async () => undefined
}))
