import { encodeBasicAuth } from './basic-auth'
import { utf8Length } from './bytes'
import { checkHookUrl } from './hook-url'
import type { HeaderList, WireRequest } from './schemas'

export { checkHookUrl, type UrlCheck } from './hook-url'

export interface WireTarget {
  url: string
  email: string
  password: string
}

/** Headers the dispatcher always computes itself: a replay or a forward cannot set them. */
const COMPUTED_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding'])

/** What a replay or a forward changes about the TrialKit request; a plain fire changes nothing. */
export interface WireOptions {
  /** POST, as TrialKit sends; a forward keeps the caller's method. */
  method?: string
  /** Replace the TrialKit header of the same name (any case), or are added before Connection. */
  extraHeaders?: HeaderList
  /**
   * The body's exact bytes, sent instead of the text's UTF-8 (a forward passes on what arrived,
   * binary included); the text is then only what the record shows.
   */
  rawBody?: Uint8Array
}

/** Applies extra headers to the TrialKit ones: same name replaces in place, others are added. */
function withExtraHeaders(base: [string, string][], extra: HeaderList): [string, string][] {
  const headers = base.map((h): [string, string] => [h[0], h[1]])
  const replaced = new Set<string>()
  const added: [string, string][] = []
  for (const [name, value] of extra) {
    const lower = name.toLowerCase()
    if (COMPUTED_HEADERS.has(lower)) continue
    const index = headers.findIndex(([n]) => n.toLowerCase() === lower)
    if (index !== -1 && !replaced.has(lower)) {
      headers[index] = [name, value]
      replaced.add(lower)
    } else {
      added.push([name, value])
    }
  }
  return [...headers, ...added]
}

/**
 * The request exactly as the dispatcher writes it: header names, order and values, and the body.
 * Both the preview and the dispatcher use this, so what is shown is what is sent. Returns the
 * URL problem instead when the URL cannot be called.
 */
export function buildWireRequest(
  target: WireTarget,
  body: string,
  userAgent: string,
  options: WireOptions = {}
): { ok: true; request: WireRequest; url: URL } | { ok: false; message: string } {
  const check = checkHookUrl(target.url)
  if (!check.ok) return check
  const { url } = check
  const bodySize = options.rawBody?.length ?? utf8Length(body)
  const base: [string, string][] = [
    ['Host', url.host],
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Content-Length', String(bodySize)],
    ['User-Agent', userAgent]
  ]
  if (target.email !== '') {
    base.push(['Authorization', encodeBasicAuth(target.email, target.password)])
  }
  const headers = options.extraHeaders ? withExtraHeaders(base, options.extraHeaders) : base
  // One connection per call, as a blocking TrialKit save makes: connect time is part of the wait.
  headers.push(['Connection', 'close'])
  const method = options.method ?? 'POST'
  return { ok: true, url, request: { method, url: url.href, headers, body, bodySize } }
}

/** The raw HTTP/1.1 request head and body as text, for the byte-exact preview. */
export function formatWireRequest(req: WireRequest): string {
  const url = new URL(req.url)
  const lines = [`${req.method} ${url.pathname}${url.search} HTTP/1.1`]
  for (const [name, value] of req.headers) lines.push(`${name}: ${value}`)
  return `${lines.join('\r\n')}\r\n\r\n${req.body}`
}

export function userAgentFor(version: string): string {
  return `hook-inspector/${version}`
}
