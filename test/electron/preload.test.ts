import { beforeAll, describe, expect, it, vi } from 'vitest'
import {
  API_METHODS,
  BRIDGE_NAMES,
  ENGINE_EVENT_NAMES,
  IPC_EVENTS_CHANNEL,
  IPC_INVOKE_PREFIX,
  type HookInspectorBridge
} from '@shared/api'
import { contextBridge, exposed, ipcRenderer, ipcRendererListeners } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).electronModule)

let bridge: HookInspectorBridge

/** Delivers a batch as the main process would: with an IPC event the page must never see. */
function deliver(batch: unknown): void {
  const ipcEvent = { sender: 'ipc-renderer', ports: [] }
  for (const listener of ipcRendererListeners.get(IPC_EVENTS_CHANNEL) ?? []) {
    ;(listener as (...args: unknown[]) => void)(ipcEvent, batch)
  }
}

beforeAll(async () => {
  await import('../../src/preload/index')
  bridge = exposed.hookInspector as HookInspectorBridge
})

describe('the preload bridge', () => {
  it('exposes exactly the API methods and `onBatch` as window.hookInspector, all functions', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
    expect(vi.mocked(contextBridge.exposeInMainWorld).mock.calls[0]![0]).toBe('hookInspector')
    expect(Object.keys(bridge).sort()).toEqual([...BRIDGE_NAMES].sort())
    for (const name of BRIDGE_NAMES) {
      expect(typeof (bridge as unknown as Record<string, unknown>)[name]).toBe('function')
    }
  })

  it('exposes the methods of the API table, in table order, as the build put them in', () => {
    const methods = Object.keys(bridge).filter((name) => name !== 'onBatch')
    expect(methods).toEqual(API_METHODS)
  })

  it('calls each method over its own channel with the arguments as given', async () => {
    vi.mocked(ipcRenderer.invoke).mockImplementation(async (channel) => ({ channel }))
    await expect(bridge.getInfo()).resolves.toEqual({ channel: `${IPC_INVOKE_PREFIX}getInfo` })
    await bridge.fire({ hookId: 'h', event: 'insert' })
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(`${IPC_INVOKE_PREFIX}fire`, {
      hookId: 'h',
      event: 'insert'
    })
    for (const method of API_METHODS) {
      await (bridge[method] as (...a: unknown[]) => Promise<unknown>)()
      expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(`${IPC_INVOKE_PREFIX}${method}`)
    }
  })

  it("hands the page the main side's message, without Electron's wrapping", async () => {
    vi.mocked(ipcRenderer.invoke).mockRejectedValueOnce(
      new Error(
        "Error invoking remote method 'hook-inspector:saveHook': Error: url: must not be empty"
      )
    )
    await expect(bridge.saveHook({ name: 'a', url: '' })).rejects.toThrow(
      /^url: must not be empty$/
    )
  })

  it('hands each batch on whole, in order, to every batch listener', () => {
    const first = vi.fn()
    const second = vi.fn()
    const off1 = bridge.onBatch(first)
    const off2 = bridge.onBatch(second)
    const batch = [
      { type: 'capture', data: { id: 'c1' } },
      { type: 'notice', data: { id: 'n1' } },
      { type: 'capture', data: { id: 'c2' } }
    ]
    deliver(batch)
    expect(first.mock.calls).toEqual([[batch]])
    expect(second.mock.calls).toEqual([[batch]])
    off1()
    off2()
  })

  it('returns an unsubscribe from `onBatch` that works', () => {
    const first = vi.fn()
    const second = vi.fn()
    const unsubscribe = bridge.onBatch(first)
    const off = bridge.onBatch(second)
    deliver([{ type: 'history-cleared', data: null }])
    unsubscribe()
    deliver([{ type: 'history-cleared', data: null }])
    expect(first).toHaveBeenCalledTimes(1)
    expect(second).toHaveBeenCalledTimes(2)
    off()
  })

  it('keeps delivering when a listener throws', async () => {
    const thrown: unknown[] = []
    const onError = (error: unknown): void => void thrown.push(error)
    process.on('uncaughtException', onError)
    const after = vi.fn()
    const off1 = bridge.onBatch(() => {
      throw new Error('listener broke')
    })
    const off2 = bridge.onBatch(after)
    deliver([{ type: 'receiver-status', data: 1 }])
    expect(after).toHaveBeenCalledWith([{ type: 'receiver-status', data: 1 }])
    await new Promise((resolve) => setTimeout(resolve, 10))
    process.off('uncaughtException', onError)
    expect(thrown).toHaveLength(1)
    off1()
    off2()
  })

  it('ignores malformed batches and drops unknown event types from a batch', () => {
    const listener = vi.fn()
    const off = bridge.onBatch(listener)
    deliver('not a batch')
    deliver([null, { type: 'unknown', data: 1 }, { nope: true }])
    expect(listener).not.toHaveBeenCalled()
    deliver([
      { type: 'unknown', data: 1 },
      { type: 'notice', data: { id: 'n' } }
    ])
    expect(listener.mock.calls).toEqual([[[{ type: 'notice', data: { id: 'n' } }]]])
    for (const name of ENGINE_EVENT_NAMES) {
      listener.mockClear()
      deliver([{ type: name, data: null }])
      expect(listener).toHaveBeenCalledTimes(1)
    }
    off()
  })

  it('refuses a listener that is not a function', () => {
    expect(() => bridge.onBatch('x' as never)).toThrow(/must be a function/)
  })

  it('gives the page nothing generic', () => {
    const names = Object.keys(bridge)
    for (const generic of ['invoke', 'send', 'ipcRenderer', 'env', 'process', 'require']) {
      expect(names).not.toContain(generic)
    }
    expect(Object.keys(exposed)).toEqual(['hookInspector'])
  })
})
