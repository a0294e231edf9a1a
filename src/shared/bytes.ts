/**
 * Byte helpers that work the same in Node and in the browser (TextEncoder/TextDecoder, atob/btoa
 * are globals in both), so src/shared never needs Node's Buffer.
 */

const encoder = new TextEncoder()

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text)
}

export function utf8Decode(bytes: Uint8Array, fatal = false): string {
  return new TextDecoder('utf-8', { fatal }).decode(bytes)
}

/** Byte length of a string once encoded as UTF-8 (what Content-Length counts). */
export function utf8Length(text: string): number {
  return encoder.encode(text).byteLength
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  }
  return btoa(binary)
}

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Strict base64 check: standard alphabet, correct padding, no whitespace. */
export function isStrictBase64(text: string): boolean {
  return BASE64_RE.test(text)
}

/** Decodes strict base64; returns null for anything malformed. */
export function base64ToBytes(text: string): Uint8Array | null {
  if (!isStrictBase64(text)) return null
  const binary = atob(text)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

/** Decodes base64 that is known to be valid (e.g. produced by this app); throws otherwise. */
export function base64ToBytesStrict(text: string): Uint8Array {
  const bytes = base64ToBytes(text)
  if (!bytes) throw new Error('invalid base64')
  return bytes
}

/** Whether bytes are valid UTF-8 text without control characters other than tab/CR/LF. */
export function isProbablyText(bytes: Uint8Array): boolean {
  let text: string
  try {
    text = utf8Decode(bytes, true)
  } catch {
    return false
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)
}
