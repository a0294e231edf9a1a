import { decodeAuthorization } from './basic-auth'
import { base64ToBytes, bytesToBase64, isProbablyText, utf8Decode, utf8Encode } from './bytes'
import type { Capture, Exchange } from './schemas'

/**
 * Copy-as snippets (cURL, JavaScript fetch) that send a recorded request again byte for byte,
 * with its credentials redacted unless the user asks for them.
 */

export interface SnippetInput {
  method: string
  url: string
  headers: readonly (readonly [string, string])[]
  /** Text is sent as its UTF-8 bytes. */
  body: Uint8Array | string | null
  /**
   * Basic credentials left out of the headers: the command sends this email with the password
   * from $HOOK_PASSWORD (empty when unset, so a forgotten password shows as a 401).
   */
  basicEmail?: string
}

/** The shell variable a cURL without secrets reads the hook's password from. */
export const PASSWORD_VARIABLE = 'HOOK_PASSWORD'

/** The body as the bytes that go on the wire. */
function bodyBytes(input: SnippetInput): Uint8Array | null {
  if (input.body === null) return null
  return typeof input.body === 'string' ? utf8Encode(input.body) : input.body
}

/** POSIX single-quoting: everything literal, a quote becomes '\'' */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

/** printf format that reproduces any bytes (NUL included) with octal escapes. */
function printfBytes(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) {
    const c = String.fromCharCode(b)
    if (b >= 0x20 && b < 0x7f && c !== '\\' && c !== "'" && c !== '%') out += c
    else out += `\\${b.toString(8).padStart(3, '0')}`
  }
  return `'${out}'`
}

/**
 * A curl command that sends the same request byte for byte: every header as given (curl's own
 * Accept and Expect are suppressed so nothing is added), and the body with --data-binary so no
 * newline or encoding is changed. Bodies that are not plain text are piped in through printf.
 */
export function curlCommand(input: SnippetInput): string {
  const bytes = bodyBytes(input)
  const parts = ['curl']
  const hasBody = bytes !== null && bytes.length > 0
  if (input.method !== (hasBody ? 'POST' : 'GET')) parts.push(`-X ${input.method}`)
  parts.push(shellQuote(input.url))
  const names = new Set(input.headers.map(([n]) => n.toLowerCase()))
  for (const [name, value] of input.headers) parts.push(`-H ${shellQuote(`${name}: ${value}`)}`)
  if (input.basicEmail !== undefined) {
    parts.push(`-u ${shellQuote(`${input.basicEmail}:`)}"$${PASSWORD_VARIABLE}"`)
  }
  if (!names.has('accept')) parts.push(`-H 'Accept:'`)
  if (!names.has('expect') && hasBody) parts.push(`-H 'Expect:'`)
  if (!hasBody) return parts.join(' \\\n  ')
  if (isProbablyText(bytes)) {
    parts.push(`--data-binary ${shellQuote(utf8Decode(bytes))}`)
    return parts.join(' \\\n  ')
  }
  parts.push('--data-binary @-')
  return `printf ${printfBytes(bytes)} | ${parts.join(' \\\n  ')}`
}

/** Headers whose values are secrets: credentials and session cookies. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie'])
export const REDACTED = '[redacted]'

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase())
}

/** The same headers with secret values replaced, unless `includeSecrets`. */
export function redactHeaders<T extends readonly [string, string]>(
  headers: readonly T[],
  includeSecrets: boolean
): [string, string][] {
  return headers.map(([n, v]) => [n, !includeSecrets && isSecretHeader(n) ? REDACTED : v])
}

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

/** The request of a history entry: what the dispatcher sent, or what the receiver got. */
export function requestOf(entry: Exchange | Capture, includeSecrets = true): SnippetInput {
  if (entry.type === 'exchange') {
    const r = entry.request
    return {
      method: r.method,
      url: r.url,
      headers: redactHeaders(r.headers, includeSecrets),
      body: r.body === '' ? null : r.body
    }
  }
  const body = base64ToBytes(entry.bodyBase64) ?? new Uint8Array()
  return {
    method: entry.method,
    url: captureUrl(entry),
    headers: redactHeaders(entry.headers, includeSecrets),
    body: body.length > 0 ? body : null
  }
}

/** Headers fetch computes or forbids; setting them would fail or change the request. */
const FETCH_SKIPS = new Set(['host', 'content-length', 'connection', 'transfer-encoding'])

/**
 * A JavaScript `fetch` call for Node 18+ that sends the same body bytes and headers (those fetch
 * lets a caller set); a body that is not text is written out as base64 and decoded, so it stays
 * byte-exact.
 */
export function fetchSnippet(input: SnippetInput): string {
  const headers = input.headers.filter(([n]) => !FETCH_SKIPS.has(n.toLowerCase()))
  const headerLines = headers.map(([n, v]) => `    ${JSON.stringify(n)}: ${JSON.stringify(v)}`)
  const bytes = bodyBytes(input)
  const lines = [`const response = await fetch(${JSON.stringify(input.url)}, {`]
  lines.push(`  method: ${JSON.stringify(input.method)},`)
  lines.push(`  headers: {\n${headerLines.join(',\n')}\n  },`)
  if (bytes !== null && bytes.length > 0) {
    lines.push(
      isProbablyText(bytes)
        ? `  body: ${JSON.stringify(utf8Decode(bytes))},`
        : `  body: Buffer.from(${JSON.stringify(bytesToBase64(bytes))}, 'base64'),`
    )
  }
  lines.push(`  redirect: 'manual'`, '})')
  lines.push('console.log(response.status, await response.text())')
  return lines.join('\n')
}

/**
 * cURL for any history entry. Without secrets, Basic credentials become `-u 'EMAIL:'` with the
 * password read from $HOOK_PASSWORD; other secret headers are redacted.
 */
export function curlForEntry(entry: Exchange | Capture, includeSecrets = true): string {
  if (includeSecrets) return curlCommand(requestOf(entry, true))
  const input = requestOf(entry, true)
  const auth = input.headers.find(([n]) => n.toLowerCase() === 'authorization')
  const decoded = auth ? decodeAuthorization(auth[1]) : null
  if (!decoded || decoded.email === null) return curlCommand(requestOf(entry, false))
  const headers = redactHeaders(
    input.headers.filter(([n]) => n.toLowerCase() !== 'authorization'),
    false
  )
  const command = curlCommand({ ...input, headers, basicEmail: decoded.email })
  return `# Set ${PASSWORD_VARIABLE} to the hook's password first.\n${command}`
}

/** fetch for any history entry. */
export function fetchForEntry(entry: Exchange | Capture, includeSecrets = true): string {
  return fetchSnippet(requestOf(entry, includeSecrets))
}
