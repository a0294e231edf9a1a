import type { ExchangeResponse } from '@shared/schemas'
import { formatWireRequest } from '@shared/wire-request'
import { viewBody } from './body'
import { formatBytes } from './format'

export { formatWireRequest }

/** A response as raw HTTP text; binary bodies are summarised rather than dumped. */
export function formatResponse(res: ExchangeResponse): string {
  const head = [`HTTP/1.1 ${res.status} ${res.statusText}`.trimEnd()]
  for (const [n, v] of res.headers) head.push(`${n}: ${v}`)
  const body = viewBody({ base64: res.bodyBase64 })
  const text =
    body.text ?? `(${formatBytes(res.bodySize)} of binary data: see the inspector's hex view)`
  const cut = res.truncated ? `\n… truncated: ${formatBytes(res.bodySize)} in total` : ''
  return `${head.join('\r\n')}\r\n\r\n${text}${cut}`
}

/** The Location of a redirect, shown with http-status errors (redirects are not followed). */
export function locationOf(res: ExchangeResponse | null): string | null {
  const h = res?.headers.find(([n]) => n.toLowerCase() === 'location')
  return h ? h[1] : null
}
