/**
 * The preload: the renderer's only door to the main process. Threat: whatever runs in the page
 * (including captured, attacker-controlled text should it ever become markup) must reach nothing
 * but the named functions of the API contract. So: no raw ipcRenderer, no generic channel, no
 * process.env; the IPC event object never reaches the page; the main side checks the sender and
 * validates every argument again.
 *
 * Sandboxed preloads can only require `electron`, so this imports nothing from src/shared but
 * types and the zod-free ipc-names and error-message modules (bundled into the one CommonJS
 * file). The method names come from the API table at build time (`__API_METHOD_NAMES__`, see
 * electron.vite.config.ts).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ApiMethod, EngineEvent, HookInspectorBridge, Unsubscribe } from '@shared/api'
import {
  IPC_EVENTS_CHANNEL,
  IPC_INVOKE_PREFIX,
  isEngineEvent,
  unpackIpcError
} from '@shared/ipc-names'
import { errorMessage } from '@shared/error-message'

declare const __API_METHOD_NAMES__: readonly ApiMethod[]

type BatchListener = (events: EngineEvent[]) => void

const batchListeners = new Set<BatchListener>()

/** Electron wraps a handler's error as "Error invoking remote method '<channel>': Error: …". */
const REMOTE_ERROR_PREFIX = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/

function cleanMessage(error: unknown): string {
  const message = errorMessage(error)
  return message.replace(REMOTE_ERROR_PREFIX, '')
}

/** An error for the page: the handler's message, and the field it concerns when it named one. */
function pageError(error: unknown): Error {
  const text = cleanMessage(error)
  const packed = unpackIpcError(text)
  if (packed === null) return new Error(text)
  const out = new Error(packed.message) as Error & { field: string | null }
  out.field = packed.field
  return out
}

async function invoke(method: ApiMethod, args: unknown[]): Promise<unknown> {
  try {
    return await ipcRenderer.invoke(`${IPC_INVOKE_PREFIX}${method}`, ...args)
  } catch (error) {
    throw pageError(error)
  }
}

/** A listener that throws must not keep the others from the batch. */
function deliver(listener: BatchListener, events: EngineEvent[]): void {
  try {
    listener(events)
  } catch (error) {
    queueMicrotask(() => {
      throw error
    })
  }
}

/** A batch from main is handed on whole, as one array, minus anything that is not an event. */
function onEventsMessage(_event: IpcRendererEvent, batch: unknown): void {
  if (!Array.isArray(batch)) return
  const events = batch.filter(isEngineEvent<EngineEvent>)
  if (events.length === 0) return
  for (const listener of [...batchListeners]) deliver(listener, events)
}

function onBatch(listener: BatchListener): Unsubscribe {
  if (typeof listener !== 'function') throw new Error('The listener must be a function.')
  batchListeners.add(listener)
  return () => {
    batchListeners.delete(listener)
  }
}

const methods = Object.fromEntries(
  __API_METHOD_NAMES__.map((method) => [method, (...args: unknown[]) => invoke(method, args)])
)
const bridge = { ...methods, onBatch } as unknown as HookInspectorBridge

ipcRenderer.on(IPC_EVENTS_CHANNEL, onEventsMessage)
contextBridge.exposeInMainWorld('hookInspector', bridge)
