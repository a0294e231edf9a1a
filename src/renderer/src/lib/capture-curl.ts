import { base64ToBytes } from '../../../shared/bytes'
import type { Capture } from '../../../shared/schemas'
import { curlCommand } from './curl'

/** The URL a capture was sent to, rebuilt from its Host header, path and query. */
export function captureUrl(c: Capture): string {
  const host = c.headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? '127.0.0.1'
  if (c.path.includes('?')) return `http://${host}${c.path}`
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(c.query)) {
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, item)
  }
  const qs = params.toString()
  return `http://${host}${c.path}${qs ? `?${qs}` : ''}`
}

/** curl that replays a captured request: its method, headers as sent, and the body bytes kept. */
export function curlForCapture(c: Capture): string {
  const body = base64ToBytes(c.bodyBase64) ?? new Uint8Array()
  return curlCommand({
    method: c.method,
    url: captureUrl(c),
    headers: c.headers,
    body: body.length > 0 ? body : null
  })
}
