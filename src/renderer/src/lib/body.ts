import { base64ToBytes, isProbablyText, utf8Decode, utf8Encode } from '@shared/bytes'
import { isJsonTooDeep } from '@shared/json-depth'

export type BodyMode = 'pretty' | 'raw' | 'hex'

/** A body decoded once for display: its bytes, text (when it is text) and parsed JSON. */
export interface BodyView {
  bytes: Uint8Array
  isText: boolean
  text: string | null
  /** Pretty-printed JSON when the text parses as JSON. */
  pretty: string | null
  defaultMode: BodyMode
}

/** Decodes stored base64 (or wire text) into what the body viewer needs. */
export function viewBody(body: { base64: string } | { text: string }): BodyView {
  const bytes =
    'text' in body ? utf8Encode(body.text) : (base64ToBytes(body.base64) ?? new Uint8Array())
  const isText = isProbablyText(bytes)
  const text = isText ? utf8Decode(bytes) : null
  let pretty: string | null = null
  // JSON nested too deep is shown raw: pretty-printing it would recurse past the stack and make
  // megabytes of indentation from kilobytes of text.
  if (text !== null && text.trim() !== '' && !isJsonTooDeep(text)) {
    try {
      pretty = JSON.stringify(JSON.parse(text), null, 2)
    } catch {
      pretty = null
    }
  }
  return { bytes, isText, text, pretty, defaultMode: pretty ? 'pretty' : isText ? 'raw' : 'hex' }
}

const hex2 = (b: number): string => b.toString(16).padStart(2, '0')

/** Classic hex dump (offset, 16 bytes, ASCII), limited so a large binary body stays cheap. */
export function hexDump(bytes: Uint8Array, maxBytes = 64 * 1024): string {
  const n = Math.min(bytes.length, maxBytes)
  const lines: string[] = []
  for (let off = 0; off < n; off += 16) {
    const chunk = bytes.subarray(off, Math.min(off + 16, n))
    const hex = Array.from(chunk, hex2).join(' ').padEnd(47, ' ')
    const ascii = Array.from(chunk, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'))
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex}  ${ascii.join('')}`)
  }
  if (bytes.length > n) lines.push(`… ${bytes.length - n} more bytes not shown`)
  return lines.join('\n')
}
