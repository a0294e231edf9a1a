import {
  API_METHODS,
  isEngineEvent,
  type ApiErrorBody,
  type ApiMethod,
  type EngineEvent,
  type HookInspectorApi,
  type HookInspectorBridge,
  type Unsubscribe
} from '@shared/api'
import {
  apiPath,
  EVENTS_CUT_NOTICE_ID,
  exportPath,
  IMPORT_PATH,
  EVENTS_PATH,
  EVENTS_RELOAD_EVENT,
  TOKEN_QUERY_PARAM
} from '@shared/http-contract'
import type { ExportRequest, ImportRequest, ImportSummary } from '@shared/sharing'

/** A failed API call: the server's message, and the input field it concerns when there is one. */
export class BridgeError extends Error {
  override readonly name = 'BridgeError'
  constructor(
    message: string,
    readonly field: string | null = null
  ) {
    super(message)
  }
}

type EventSourceLike = Pick<
  EventSource,
  'close' | 'readyState' | 'onmessage' | 'onerror' | 'onopen'
> & {
  /** Messages with an `event:` name (the server's `reload`). */
  addEventListener(type: string, listener: (event: MessageEvent) => void): void
}

export interface HttpBridgeOptions {
  /** Origin of the control server, e.g. http://127.0.0.1:4701 */
  baseUrl: string
  token: string | null
  fetch?: typeof fetch
  createEventSource?: (url: string) => EventSourceLike
  /** What calls fail with when there is no token (the default explains where to find one). */
  noTokenMessage?: string
  /** First reconnect delay after the event stream closed; doubles up to 10 s. */
  reconnectMs?: number
}

const NO_TOKEN =
  'No access token. Open the address printed by `hook-inspector serve` (it ends in ?token=…).'

type BatchListener = (events: EngineEvent[]) => void

/**
 * The API contract over the control server's HTTP transport (src/shared/http-contract.ts):
 * one POST per call, live events from one Server-Sent Events stream opened while anyone listens,
 * each message handed on as one batch. After the stream reconnects, settings, receiver status and
 * recent history are re-sent as one batch so the UI catches up with what it missed.
 *
 * A server that drops the stream because this tab fell too far behind says so first (`reload`):
 * then the stream stays closed and a notice (EVENTS_CUT_NOTICE_ID) says why; dismissing it, which
 * the notice's Reload button does, opens the stream again and catches up. Reconnecting on its own
 * would only fall behind again, so it waits for the user.
 */
export function createHttpBridge(options: HttpBridgeOptions): HookInspectorBridge {
  const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a))
  const makeSource =
    options.createEventSource ?? ((url: string): EventSourceLike => new EventSource(url))
  const listeners = new Set<BatchListener>()
  let source: EventSourceLike | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let retryMs = options.reconnectMs ?? 1000
  let hadError = false
  /** The server dropped the stream for falling behind; it stays closed until the user reloads. */
  let cut = false

  async function call<T>(method: ApiMethod, args: unknown[]): Promise<T> {
    if (!options.token) throw new BridgeError(options.noTokenMessage ?? NO_TOKEN)
    let res: Response
    try {
      res = await doFetch(`${options.baseUrl}${apiPath(method)}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${options.token}`,
          'Content-Type': 'application/json'
        },
        body: JSON.stringify({ args })
      })
    } catch {
      throw new BridgeError(
        `Cannot reach Hook Inspector at ${options.baseUrl}. Is \`hook-inspector serve\` still running?`
      )
    }
    let payload: unknown = null
    try {
      payload = await res.json()
    } catch {
      payload = null
    }
    if (!res.ok) {
      const err = (payload as Partial<ApiErrorBody> | null)?.error
      if (err && typeof err.message === 'string') {
        throw new BridgeError(err.message, typeof err.field === 'string' ? err.field : null)
      }
      throw new BridgeError(`${method} failed: HTTP ${res.status}`)
    }
    if (payload === null || typeof payload !== 'object' || !('result' in payload)) {
      throw new BridgeError(`${method} failed: the server sent an unreadable answer.`)
    }
    // JSON has no undefined: a method that resolves with nothing comes as null (and no method
    // resolves with null, see api-table.ts).
    const { result } = payload as { result: T | null }
    return (result === null ? undefined : result) as T
  }

  /**
   * An export, downloaded from its streamed route (http-contract.ts exportPath): the server
   * writes it piece by piece instead of building one answer.
   */
  async function download(format: 'har' | 'bundle', args: unknown[]): Promise<string> {
    const res = await post(exportPath(format), 'application/json', JSON.stringify({ args }))
    if (res.ok) return res.text()
    return failure(res, 'export')
  }

  /** The same download as a Blob: the browser keeps it out of the page's strings. */
  async function downloadBlob(format: 'har' | 'bundle', request: ExportRequest): Promise<Blob> {
    const res = await post(
      exportPath(format),
      'application/json',
      JSON.stringify({ args: [request] })
    )
    if (res.ok) return res.blob()
    return failure(res, 'export')
  }

  /** importFile with the file as the body of its own route (http-contract.ts IMPORT_PATH). */
  async function upload(request: ImportRequest): Promise<ImportSummary> {
    const query = new URLSearchParams()
    if (request.fileName !== undefined) query.set('fileName', request.fileName)
    if (request.allowForwarding !== undefined) {
      query.set('allowForwarding', String(request.allowForwarding))
    }
    if (request.preview !== undefined) query.set('preview', String(request.preview))
    const res = await post(`${IMPORT_PATH}?${query}`, 'application/octet-stream', request.text)
    if (!res.ok) return failure(res, 'importFile')
    const payload = (await res.json()) as { result: ImportSummary }
    return payload.result
  }

  async function post(path: string, type: string, body: string): Promise<Response> {
    if (!options.token) throw new BridgeError(options.noTokenMessage ?? NO_TOKEN)
    try {
      return await doFetch(`${options.baseUrl}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${options.token}`, 'Content-Type': type },
        body
      })
    } catch {
      throw new BridgeError(
        `Cannot reach Hook Inspector at ${options.baseUrl}. Is \`hook-inspector serve\` still running?`
      )
    }
  }

  /** Throws the server's error message (and field) of a failed answer. */
  async function failure(res: Response, what: string): Promise<never> {
    let payload: unknown = null
    try {
      payload = await res.json()
    } catch {
      payload = null
    }
    const err = (payload as Partial<ApiErrorBody> | null)?.error
    if (err && typeof err.message === 'string') {
      throw new BridgeError(err.message, typeof err.field === 'string' ? err.field : null)
    }
    throw new BridgeError(`${what} failed: HTTP ${res.status}`)
  }

  /** The engine's notices the listeners were given and not yet told are over (for catchUp). */
  const shownNotices = new Set<string>()

  /** A listener that throws must not keep the others from the batch. */
  function emit(events: EngineEvent[]): void {
    if (events.length === 0) return
    for (const event of events) {
      if (event.type === 'notice' && event.data.id !== EVENTS_CUT_NOTICE_ID) {
        shownNotices.add(event.data.id)
      } else if (event.type === 'notice-cleared') shownNotices.delete(event.data.id)
    }
    for (const listener of [...listeners]) {
      try {
        listener(events)
      } catch (error) {
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }

  function onMessage(data: string): void {
    let batch: unknown
    try {
      batch = JSON.parse(data)
    } catch {
      return
    }
    if (Array.isArray(batch)) emit(batch.filter(isEngineEvent<EngineEvent>))
  }

  async function catchUp(): Promise<void> {
    try {
      const [settings, info, history] = await Promise.all([
        api.getSettings(),
        api.getInfo(),
        api.listHistory({ limit: 2000 })
      ])
      const batch: EngineEvent[] = [
        { type: 'settings-changed', data: settings },
        { type: 'receiver-status', data: info.receiver }
      ]
      // Notices raised while the stream was down are shown, and those that ended are taken away.
      const current = new Set(info.notices.map((n) => n.id))
      for (const id of shownNotices) {
        if (!current.has(id)) batch.push({ type: 'notice-cleared', data: { id } })
      }
      for (const notice of info.notices) batch.push({ type: 'notice', data: notice })
      for (const entry of [...history].reverse()) {
        if (entry.type === 'capture') batch.push({ type: 'capture', data: entry })
        else if (entry.type === 'capacity') batch.push({ type: 'capacity-done', data: entry })
        else batch.push({ type: 'exchange-done', data: entry })
      }
      emit(batch)
    } catch {
      // The next reconnect tries again.
    }
  }

  function onReload(es: EventSourceLike, data: string): void {
    if (cut || source !== es) return
    let reason = ''
    try {
      const parsed = JSON.parse(data) as { reason?: unknown }
      if (typeof parsed.reason === 'string') reason = ` (${parsed.reason})`
    } catch {
      // The notice says it without the reason.
    }
    cut = true
    es.close()
    source = null
    emit([
      {
        type: 'notice',
        data: {
          id: EVENTS_CUT_NOTICE_ID,
          level: 'warning',
          message: `Live updates stopped: this tab fell behind and the server cut its stream${reason}. Reload to catch up.`
        }
      }
    ])
  }

  /** After the cut: the stream again, and what was missed (see catchUp). */
  function resume(): void {
    if (!cut) return
    cut = false
    hadError = true
    if (hasListeners()) open()
  }

  function open(): void {
    if (source || cut || !options.token) return
    const url = `${options.baseUrl}${EVENTS_PATH}?${TOKEN_QUERY_PARAM}=${encodeURIComponent(options.token)}`
    const es = makeSource(url)
    source = es
    es.onopen = () => {
      retryMs = options.reconnectMs ?? 1000
      if (hadError) {
        hadError = false
        void catchUp()
      }
    }
    es.onmessage = (e: MessageEvent) => onMessage(String(e.data))
    es.addEventListener(EVENTS_RELOAD_EVENT, (e) => onReload(es, String(e.data)))
    es.onerror = () => {
      hadError = true
      // EventSource retries by itself unless the server refused the stream (CLOSED).
      if (es.readyState !== 2) return
      es.close()
      source = null
      if (retryTimer === null && hasListeners()) {
        retryTimer = setTimeout(() => {
          retryTimer = null
          open()
        }, retryMs)
        retryMs = Math.min(retryMs * 2, 10_000)
      }
    }
  }

  function hasListeners(): boolean {
    return listeners.size > 0
  }

  function closeIfIdle(): void {
    if (hasListeners()) return
    source?.close()
    source = null
    if (retryTimer !== null) clearTimeout(retryTimer)
    retryTimer = null
  }

  // One function per method of the API table, each a POST to its route.
  const api = Object.fromEntries(
    API_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)])
  ) as unknown as HookInspectorApi

  return {
    ...api,
    exportHar: (...args: unknown[]) => download('har', args),
    exportBundle: (...args: unknown[]) => download('bundle', args),
    importFile: upload,
    downloadExport: downloadBlob,
    // The cut notice is this bridge's own: dismissing it (its Reload button) reloads.
    dismissNotice: (id: string) => {
      if (id !== EVENTS_CUT_NOTICE_ID) return api.dismissNotice(id)
      resume()
      return Promise.resolve()
    },
    onBatch(listener: BatchListener): Unsubscribe {
      listeners.add(listener)
      open()
      return () => {
        listeners.delete(listener)
        closeIfIdle()
      }
    }
  }
}
