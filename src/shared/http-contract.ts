/**
 * How the HTTP transport carries the API contract (src/main/web serves it, the renderer's HTTP
 * bridge calls it):
 * - `POST /api/<method>` with `Authorization: Bearer <token>` and a JSON body `{"args": [...]}`
 *   answers 200 `{"result": <value or null>}` or 4xx/5xx `{"error": {"message", "field"}}`.
 * - `GET /api/events?token=<token>` is a Server-Sent Events stream; each message's data is a JSON
 *   array of EngineEvent, sent at most ~20 times a second. A client that falls too far behind
 *   gets one last `event: reload` message (data: EventsReload) and the stream ends.
 * - The UI itself is served at `/` and opened as `/?token=<token>`.
 */
export const API_PATH_PREFIX = '/api/'
export const EVENTS_PATH = '/api/events'

/** The route of one API method: `/api/<method>`. */
export function apiPath(method: string): string {
  return `${API_PATH_PREFIX}${method}`
}
export const TOKEN_QUERY_PARAM = 'token'

/**
 * `POST /api/export/har` and `/api/export/bundle`, with the body of exportHar / exportBundle:
 * the same document those answer with, streamed as the file itself (application/json) rather than
 * inside `{"result": …}`, so the server never holds a whole export. Errors are as for any call.
 */
export function exportPath(format: 'har' | 'bundle'): string {
  return `${API_PATH_PREFIX}export/${format}`
}

/**
 * The event name of the stream's last message to a client it drops for falling behind: what the
 * client missed is gone from the stream, so it has to load the state again.
 */
export const EVENTS_RELOAD_EVENT = 'reload'
export interface EventsReload {
  /** Why, in words for the user: how far behind the client was, and the bound. */
  reason: string
}
/** The id of the notice the browser UI shows while its live updates are cut (see http-bridge). */
export const EVENTS_CUT_NOTICE_ID = 'live-updates-cut'
/**
 * The largest JSON call. An import file goes to its own route (importPath) with its own bound,
 * MAX_IMPORT_BYTES, sent as it is rather than escaped inside a call.
 */
export const MAX_CONTROL_BODY_BYTES = 65 * 1024 * 1024

/**
 * `POST /api/import?fileName=…&allowForwarding=…&preview=…` with the file itself as the body
 * (application/octet-stream, at most MAX_IMPORT_BYTES): importFile, without the file's text
 * escaped inside a JSON call. Answers as importFile does: `{"result": ImportSummary}`.
 */
export const IMPORT_PATH = `${API_PATH_PREFIX}import`
