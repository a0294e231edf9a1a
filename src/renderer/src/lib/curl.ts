import { isProbablyText, utf8Decode, utf8Encode } from '../../../shared/bytes'

export interface CurlInput {
  method: string
  url: string
  headers: readonly (readonly [string, string])[]
  /** Text is sent as its UTF-8 bytes. */
  body: Uint8Array | string | null
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
export function curlCommand(input: CurlInput): string {
  const bytes =
    input.body === null
      ? null
      : typeof input.body === 'string'
        ? utf8Encode(input.body)
        : input.body
  const parts = ['curl']
  const hasBody = bytes !== null && bytes.length > 0
  if (input.method !== (hasBody ? 'POST' : 'GET')) parts.push(`-X ${input.method}`)
  parts.push(shellQuote(input.url))
  const names = new Set(input.headers.map(([n]) => n.toLowerCase()))
  for (const [name, value] of input.headers) parts.push(`-H ${shellQuote(`${name}: ${value}`)}`)
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
