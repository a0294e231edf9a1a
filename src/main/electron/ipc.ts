import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron'
import { z } from 'zod'
import {
  API_ARGS,
  API_METHODS,
  IPC_INVOKE_PREFIX,
  type ApiMethod,
  type HookInspectorApi
} from '../../shared/api'
import { describeIssues, ValidationError } from '../../shared/validation'

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

/** What each method's one argument is called in messages (null: it takes none). */
const PARAMETER_NAMES: Record<ApiMethod, string | null> = {
  getInfo: null,
  getSettings: null,
  saveHook: 'hook',
  deleteHook: 'id',
  setBehavior: 'behavior',
  setPreferences: 'preferences',
  startReceiver: 'config',
  stopReceiver: null,
  fire: 'request',
  abortExchange: 'id',
  listHistory: 'query',
  clearHistory: null,
  dismissNotice: 'id',
  runCheck: 'request',
  saveScenario: 'scenario',
  deleteScenario: 'id',
  replay: 'request',
  exportHar: 'request',
  exportBundle: 'request',
  importFile: 'request',
  startPublic: 'request',
  stopPublic: null,
  getPublicStatus: null
}

/**
 * Validates a call's arguments against the contract and names the bad field the way the engine
 * and the HTTP transport do (without the argument's position, e.g. "url: must not be empty"); a
 * bad argument as a whole is named by its parameter (e.g. "id: …"), a wrong count by the method.
 */
export function checkArgs(method: ApiMethod, args: unknown[]): unknown[] {
  const result = (API_ARGS[method] as z.ZodType).safeParse(args)
  if (result.success) return result.data as unknown[]
  const parameter = PARAMETER_NAMES[method]
  if (result.error.issues.some((issue) => issue.path.length === 0)) {
    const wanted = parameter === null ? 'no arguments' : `one argument (${parameter})`
    throw new ValidationError(`${method} takes ${wanted}, not ${args.length}.`, null)
  }
  const issues = result.error.issues.map((issue) => {
    const rest = issue.path.slice(1)
    return { ...issue, path: rest.length > 0 || parameter === null ? rest : [parameter] }
  })
  throw describeIssues(new z.ZodError(issues))
}

/** Only the message crosses to the renderer: no stack, no internals. */
function plainError(error: unknown): Error {
  const message = error instanceof Error && error.message !== '' ? error.message : 'Internal error'
  return new Error(message)
}

/**
 * The one wrapper every handler goes through: the sender is checked, the arguments validated,
 * and errors reach the renderer as plain messages.
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
      return await handle(checkArgs(method, args))
    } catch (error) {
      throw plainError(error)
    }
  }
}

/**
 * Registers `hook-inspector:<method>` for every method of the API contract and nothing else.
 * Returns a function that removes them again.
 */
export function registerApiHandlers(options: IpcHandlerOptions): () => void {
  const channels: string[] = []
  for (const method of API_METHODS) {
    const channel = `${IPC_INVOKE_PREFIX}${method}`
    const fn = options.api[method] as (...args: unknown[]) => Promise<unknown>
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
