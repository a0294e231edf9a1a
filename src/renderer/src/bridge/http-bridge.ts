import type {
  ApiErrorBody,
  ApiMethod,
  EngineEvent,
  EngineEventName,
  EngineEvents,
  HookInspectorApi,
  HookInspectorBridge,
  Unsubscribe
} from '../../../shared/api'
import { API_PATH_PREFIX, EVENTS_PATH, TOKEN_QUERY_PARAM } from '../../../shared/http-contract'

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
>

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

type Listener = (data: never) => void

/**
 * The API contract over the control server's HTTP transport (src/shared/http-contract.ts):
 * one POST per call, live events from one Server-Sent Events stream opened while anyone listens.
 * After the stream reconnects, settings, receiver status and recent history are re-sent as
 * events so the UI catches up with what it missed.
 */
export function createHttpBridge(options: HttpBridgeOptions): HookInspectorBridge {
  const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a))
  const makeSource =
    options.createEventSource ?? ((url: string): EventSourceLike => new EventSource(url))
  const listeners = new Map<EngineEventName, Set<Listener>>()
  let source: EventSourceLike | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let retryMs = options.reconnectMs ?? 1000
  let hadError = false

  async function call<T>(method: ApiMethod, args: unknown[]): Promise<T> {
    if (!options.token) throw new BridgeError(options.noTokenMessage ?? NO_TOKEN)
    let res: Response
    try {
      res = await doFetch(`${options.baseUrl}${API_PATH_PREFIX}${method}`, {
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
    return (payload as { result: T }).result
  }

  function emit(event: EngineEvent): void {
    const set = listeners.get(event.type)
    if (!set) return
    for (const listener of [...set]) (listener as (d: unknown) => void)(event.data)
  }

  function onMessage(data: string): void {
    let batch: unknown
    try {
      batch = JSON.parse(data)
    } catch {
      return
    }
    if (!Array.isArray(batch)) return
    for (const event of batch as EngineEvent[]) {
      if (event && typeof event === 'object' && typeof event.type === 'string') emit(event)
    }
  }

  async function catchUp(): Promise<void> {
    try {
      const [settings, info, history] = await Promise.all([
        api.getSettings(),
        api.getInfo(),
        api.listHistory({ limit: 2000 })
      ])
      emit({ type: 'settings-changed', data: settings })
      emit({ type: 'receiver-status', data: info.receiver })
      for (const entry of [...history].reverse()) {
        if (entry.type === 'capture') emit({ type: 'capture', data: entry })
        else emit({ type: 'exchange-done', data: entry })
      }
    } catch {
      // The next reconnect tries again.
    }
  }

  function open(): void {
    if (source || !options.token) return
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
    for (const set of listeners.values()) if (set.size > 0) return true
    return false
  }

  function closeIfIdle(): void {
    if (hasListeners()) return
    source?.close()
    source = null
    if (retryTimer !== null) clearTimeout(retryTimer)
    retryTimer = null
  }

  const api: HookInspectorApi = {
    getInfo: () => call('getInfo', []),
    getSettings: () => call('getSettings', []),
    saveHook: (draft) => call('saveHook', [draft]),
    deleteHook: (id) => call('deleteHook', [id]),
    setBehavior: (behavior) => call('setBehavior', [behavior]),
    setPreferences: (patch) => call('setPreferences', [patch]),
    startReceiver: (config) => call('startReceiver', [config]),
    stopReceiver: () => call('stopReceiver', []),
    fire: (request) => call('fire', [request]),
    abortExchange: (id) => call('abortExchange', [id]),
    listHistory: (query) => call('listHistory', [query]),
    clearHistory: () => call('clearHistory', []),
    dismissNotice: (id) => call('dismissNotice', [id]),
    runCheck: (request) => call('runCheck', [request]),
    saveScenario: (draft) => call('saveScenario', [draft]),
    deleteScenario: (id) => call('deleteScenario', [id]),
    replay: (request) => call('replay', [request]),
    exportHar: (request) => call('exportHar', [request]),
    exportBundle: (request) => call('exportBundle', [request]),
    importFile: (request) => call('importFile', [request]),
    startPublic: (request) => call('startPublic', [request]),
    stopPublic: () => call('stopPublic', []),
    getPublicStatus: () => call('getPublicStatus', [])
  }

  return {
    ...api,
    on<K extends EngineEventName>(
      event: K,
      listener: (data: EngineEvents[K]) => void
    ): Unsubscribe {
      let set = listeners.get(event)
      if (!set) {
        set = new Set()
        listeners.set(event, set)
      }
      set.add(listener as Listener)
      open()
      return () => {
        set.delete(listener as Listener)
        closeIfIdle()
      }
    }
  }
}
