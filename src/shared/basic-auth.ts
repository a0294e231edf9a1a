import { base64ToBytes, bytesToBase64, utf8Decode, utf8Encode } from './bytes'

/**
 * HTTP Basic credentials as TrialKit builds them: base64(UTF-8(email + ':' + password)). The
 * email never contains ':' in practice, so decoding splits at the first colon and the password
 * may contain any number of colons.
 */
export interface BasicCredentials {
  email: string
  password: string
}

export function encodeBasicAuth(email: string, password: string): string {
  return `Basic ${bytesToBase64(utf8Encode(`${email}:${password}`))}`
}

/** What an Authorization header says, decoded as far as it can be. */
export interface DecodedAuth {
  /** The scheme as sent (e.g. "Basic", "Bearer"); empty when the header has none. */
  scheme: string
  /** For Basic: the decoded email; null when not Basic or not decodable. */
  email: string | null
  /** For Basic: the decoded password; null when not Basic or not decodable. */
  password: string | null
  /** For Basic: whether the token was strict base64 of text containing a colon. */
  base64Valid: boolean
  /**
   * For Basic, set when the bytes are not UTF-8 (TrialKit sends UTF-8) and were read as Latin-1
   * instead, as Python `requests` and other clients encode them by default.
   */
  charset?: 'latin1'
}

/** Bytes as ISO-8859-1: each byte is the code point of the same value. */
function latin1Decode(bytes: Uint8Array): string {
  let text = ''
  for (const b of bytes) text += String.fromCharCode(b)
  return text
}

/** Decodes an Authorization header value. Never throws: malformed input is reported, not raised. */
export function decodeAuthorization(value: string): DecodedAuth {
  const trimmed = value.trim()
  const space = trimmed.indexOf(' ')
  const scheme = space === -1 ? trimmed : trimmed.slice(0, space)
  const token = space === -1 ? '' : trimmed.slice(space + 1).trim()
  if (scheme.toLowerCase() !== 'basic') {
    return { scheme, email: null, password: null, base64Valid: false }
  }
  const bytes = base64ToBytes(token)
  if (!bytes) return { scheme, email: null, password: null, base64Valid: false }
  let text: string
  let latin1 = false
  try {
    text = utf8Decode(bytes, true)
  } catch {
    // Valid base64 whose bytes are not UTF-8: every byte is a Latin-1 character.
    text = latin1Decode(bytes)
    latin1 = true
  }
  const charset = latin1 ? { charset: 'latin1' as const } : {}
  const colon = text.indexOf(':')
  if (colon === -1) return { scheme, email: text, password: null, base64Valid: false, ...charset }
  return {
    scheme,
    email: text.slice(0, colon),
    password: text.slice(colon + 1),
    base64Valid: true,
    ...charset
  }
}

/** Whether decoded credentials equal the expected ones (exact, case-sensitive). */
export function credentialsMatch(decoded: DecodedAuth, expected: BasicCredentials): boolean {
  return (
    decoded.base64Valid &&
    decoded.email === expected.email &&
    decoded.password === expected.password
  )
}
