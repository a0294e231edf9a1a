import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron'
import { API_METHODS, IPC_INVOKE_PREFIX, type ApiMethod, type HookInspectorApi } from '@shared/api'
import { checkArgs } from '@shared/api-check'
import { IPC_ERROR_TAG } from '@shared/ipc-names'
import { ValidationError } from '@shared/validation'

export interface IpcHandlerOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>
  api: HookInspectorApi
  /** The app window; only its main frame may call. */
  getWindow: () => BrowserWindow | null
  /** Whether a URL is the app's own page (see renderer-location.ts). */
  isAppUrl: (url: string) => boolean
}

/**
 * Why a call must be refused, or null when it comes from the app page itself. Threat: any other
 * page or frame that gets to send IPC (an injected iframe, a page the window was somehow navigated
 * to, another window) must not reach the engine: it holds hook passwords and fires requests.
 */
export function senderProblem(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  window: BrowserWindow | null,
  isAppUrl: (url: string) => boolean
): string | null {
  const frame = event.senderFrame
  if (!frame) return 'the sending frame is gone'
  if (!window || window.isDestroyed()) return 'the app window is not open'
  if (event.sender?.id !== window.webContents.id) return 'it does not come from the app window'
  if (frame.parent !== null || frame.frameToken !== window.webContents.mainFrame.frameToken) {
    return 'it does not come from the main frame of the app window'
  }
  if (!isAppUrl(frame.url)) return 'it does not come from the app page'
  return null
}

/**
 * Only the message and the field it concerns cross to the renderer (packed, see IPC_ERROR_TAG): no
 * stack, no internals.
 */
function plainError(error: unknown): Error {
  const message = error instanceof Error && error.message !== '' ? error.message : 'Internal error'
  const field = error instanceof ValidationError ? error.field : null
  return new Error(`${IPC_ERROR_TAG}${JSON.stringify({ message, field })}`)
}

/**
 * The one wrapper every handler goes through: the sender is checked, the arguments validated by
 * the API's one checker (as on every transport), and errors reach the renderer as plain messages.
 */
function ipcHandler(
  method: ApiMethod,
  options: IpcHandlerOptions,
  handle: (args: unknown[]) => Promise<unknown>
): (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown> {
  return async (event, ...args) => {
    const problem = senderProblem(event, options.getWindow(), options.isAppUrl)
    if (problem !== null) throw new Error(`Blocked a call to ${method}: ${problem}.`)
    try {
      return await handle(checkArgs(method, args) as unknown[])
    } catch (error) {
      throw plainError(error)
    }
  }
}

/**
 * Registers `hook-inspector:<method>` for every method of the API table and nothing else.
 * Returns a function that removes them again.
 */
export function registerApiHandlers(options: IpcHandlerOptions): () => void {
  const channels: string[] = []
  for (const method of API_METHODS) {
    const channel = `${IPC_INVOKE_PREFIX}${method}`
    const fn = options.api[method] as unknown as (...args: unknown[]) => Promise<unknown>
    options.ipcMain.handle(
      channel,
      ipcHandler(method, options, (args) => fn.apply(options.api, args))
    )
    channels.push(channel)
  }
  return () => {
    for (const channel of channels) options.ipcMain.removeHandler(channel)
  }
}
