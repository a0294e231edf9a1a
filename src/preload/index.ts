/**
 * The preload: the renderer's only door to the main process. Threat: whatever runs in the page
 * (including captured, attacker-controlled text should it ever become markup) must reach nothing
 * but the named functions of the API contract. So: no raw ipcRenderer, no generic channel, no
 * process.env; the IPC event object never reaches the page; the main side checks the sender and
 * validates every argument again.
 *
 * Sandboxed preloads can only require `electron`, so this imports nothing from src/shared but
 * types and the zod-free ipc-names module (bundled into the one CommonJS file). The method names
 * come from the API table at build time (`__API_METHOD_NAMES__`, see electron.vite.config.ts).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type {
  ApiMethod,
  EngineEventName,
  EngineEvents,
  HookInspectorBridge,
  Unsubscribe
} from '../shared/api'
import { ENGINE_EVENT_NAMES, IPC_EVENTS_CHANNEL, IPC_INVOKE_PREFIX } from '../shared/ipc-names'

declare const __API_METHOD_NAMES__: readonly ApiMethod[]

type Listener = (data: unknown) => void

const listeners = new Map<EngineEventName, Set<Listener>>()

/** Electron wraps a handler's error as "Error invoking remote method '<channel>': Error: …". */
const REMOTE_ERROR_PREFIX = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/

function cleanMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(REMOTE_ERROR_PREFIX, '')
}

async function invoke(method: ApiMethod, args: unknown[]): Promise<unknown> {
  try {
    return await ipcRenderer.invoke(`${IPC_INVOKE_PREFIX}${method}`, ...args)
  } catch (error) {
    throw new Error(cleanMessage(error))
  }
}

function isEngineEventName(name: unknown): name is EngineEventName {
  return typeof name === 'string' && (ENGINE_EVENT_NAMES as string[]).includes(name)
}

/** A listener that throws must not keep the others of the batch from their events. */
function deliver(listener: Listener, data: unknown): void {
  try {
    listener(data)
  } catch (error) {
    queueMicrotask(() => {
      throw error
    })
  }
}

function onBatch(_event: IpcRendererEvent, batch: unknown): void {
  if (!Array.isArray(batch)) return
  for (const item of batch as { type?: unknown; data?: unknown }[]) {
    if (!isEngineEventName(item?.type)) continue
    const set = listeners.get(item.type)
    if (!set) continue
    for (const listener of [...set]) deliver(listener, item.data)
  }
}

function on<K extends EngineEventName>(
  event: K,
  listener: (data: EngineEvents[K]) => void
): Unsubscribe {
  if (!isEngineEventName(event)) {
    throw new Error(`Unknown event "${String(event)}". Known: ${ENGINE_EVENT_NAMES.join(', ')}.`)
  }
  if (typeof listener !== 'function') throw new Error('The listener must be a function.')
  let set = listeners.get(event)
  if (!set) {
    set = new Set()
    listeners.set(event, set)
  }
  const entry = listener as Listener
  set.add(entry)
  return () => {
    set.delete(entry)
  }
}

const methods = Object.fromEntries(
  __API_METHOD_NAMES__.map((method) => [method, (...args: unknown[]) => invoke(method, args)])
)
const bridge = { ...methods, on } as unknown as HookInspectorBridge

ipcRenderer.on(IPC_EVENTS_CHANNEL, onBatch)
contextBridge.exposeInMainWorld('hookInspector', bridge)
