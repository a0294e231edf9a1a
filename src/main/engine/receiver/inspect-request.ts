import { isUtf8 } from 'node:buffer'
import type { IncomingMessage } from 'node:http'
import { credentialsMatch, decodeAuthorization } from '@shared/basic-auth'
import type { AuthInfo, Behavior } from '@shared/schemas'
import { errorMessage } from '@shared/error-message'
import { isJsonTooDeep, JSON_TOO_DEEP } from '@shared/json-depth'

/** Headers as sent: names as cased on the wire, order and duplicates kept. */
export function headerPairs(rawHeaders: readonly string[]): [string, string][] {
  const pairs = new Array<[string, string]>(rawHeaders.length >> 1)
  for (let i = 0, j = 0; i + 1 < rawHeaders.length; i += 2, j++) {
    pairs[j] = [rawHeaders[i] as string, rawHeaders[i + 1] as string]
  }
  return pairs
}

/**
 * Splits a request target into the path as sent (not decoded) and the decoded query, where a
 * repeated key becomes an array in the order sent. Built with Object.fromEntries so a key named
 * "__proto__" stays plain data.
 */
export function splitTarget(target: string): {
  path: string
  query: Record<string, string | string[]>
} {
  const mark = target.indexOf('?')
  if (mark === -1) return { path: target, query: {} }
  const values = new Map<string, string | string[]>()
  for (const [key, value] of new URLSearchParams(target.slice(mark + 1))) {
    const seen = values.get(key)
    if (seen === undefined) values.set(key, value)
    else if (Array.isArray(seen)) seen.push(value)
    else values.set(key, [seen, value])
  }
  return { path: target.slice(0, mark), query: Object.fromEntries(values) }
}

/** A size as people read it: "1 MiB", "10.5 MiB", "512 KiB", "300 bytes". */
export function sizeText(bytes: number): string {
  const units: [number, string][] = [
    [1024 * 1024, 'MiB'],
    [1024, 'KiB']
  ]
  for (const [unit, name] of units) {
    if (bytes >= unit) {
      const n = bytes / unit
      return `${Number.isInteger(n) ? n : n.toFixed(1)} ${name}`
    }
  }
  return `${bytes} bytes`
}

/**
 * Parses the body as JSON once. An empty body is neither JSON nor an error; a truncated body is
 * not parsed (its end is missing, so any error would be misleading); JSON must be UTF-8; JSON
 * nested deeper than JSON_DEPTH_LIMIT is kept as raw bytes only (see shared/json-depth.ts).
 */
export function parseJsonBody(
  kept: Buffer,
  size: number
): { json: unknown; jsonError: string | null } {
  if (size === 0) return { json: null, jsonError: null }
  if (kept.length < size) {
    return {
      json: null,
      jsonError: `Not parsed: kept ${sizeText(kept.length)} of ${sizeText(size)} (the receiver keeps the first ${sizeText(kept.length)} of a body).`
    }
  }
  if (!isUtf8(kept)) return { json: null, jsonError: 'The body is not valid UTF-8 text.' }
  const text = kept.toString('utf8')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return { json: null, jsonError: errorMessage(error) }
  }
  // Too deep to serialize again safely: the capture keeps the bytes and says why it has no tree.
  if (isJsonTooDeep(text)) return { json: null, jsonError: JSON_TOO_DEEP }
  return { json, jsonError: null }
}

/** The Authorization header decoded, and compared with the credentials the behaviour expects. */
export function authInfo(
  req: IncomingMessage,
  expected: Behavior['expectedAuth'] | undefined
): AuthInfo | null {
  const header = req.headers.authorization
  if (header === undefined) return null
  const decoded = decodeAuthorization(header)
  return { ...decoded, matchesExpected: expected ? credentialsMatch(decoded, expected) : null }
}
