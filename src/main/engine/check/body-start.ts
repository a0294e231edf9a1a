import { brotliDecompressSync, constants, gunzipSync, inflateSync } from 'node:zlib'
import type { Exchange } from '@shared/schemas'

/** How much of an answer's body a verdict quotes: enough to read the endpoint's own words. */
export const BODY_START_CHARS = 120
/**
 * Decoded bytes a quote may come from; a compressed body is never decoded further than this (a
 * larger one is quoted as it came).
 */
const DECODE_CAP = 64 * 1024

type SyncDecode = (input: Buffer, partial: boolean) => Buffer

/**
 * Each coding decoded in one bounded call: zlib stops (throwing) as soon as the output would pass
 * DECODE_CAP, so even a decompression bomb costs no more than decoding that much.
 */
const SYNC_DECODERS: Record<string, SyncDecode> = {
  gzip: (input, partial) => gunzipSync(input, zlibOptions(partial)),
  'x-gzip': (input, partial) => gunzipSync(input, zlibOptions(partial)),
  deflate: (input, partial) => inflateSync(input, zlibOptions(partial)),
  br: (input, partial) =>
    brotliDecompressSync(input, {
      maxOutputLength: DECODE_CAP,
      ...(partial ? { finishFlush: constants.BROTLI_OPERATION_FLUSH } : {})
    })
}

function zlibOptions(partial: boolean): { maxOutputLength: number; finishFlush?: number } {
  return {
    maxOutputLength: DECODE_CAP,
    ...(partial ? { finishFlush: constants.Z_SYNC_FLUSH } : {})
  }
}

/** The body decoded from its content codings, or null when it has none or cannot be read so. */
function decodeSmall(
  headers: readonly (readonly [string, string])[],
  raw: Buffer,
  partial: boolean
): Buffer | null {
  const header = headers.find(([n]) => n.toLowerCase() === 'content-encoding')
  if (!header) return null
  const codings = header[1]
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity')
  let bytes = raw
  try {
    // Codings apply in the order listed; decode from the last one applied.
    for (const coding of codings.reverse()) {
      const decode = SYNC_DECODERS[coding]
      // Stryker disable next-line ConditionalExpression: calling a missing decoder throws, caught below as the same null.
      if (!decode) return null
      bytes = decode(bytes, partial)
    }
    return bytes
  } catch {
    return null
  }
}

/** The response body as text, decoded from its content coding when it has one. */
export function decodedBody(ex: Pick<Exchange, 'response'>): string {
  if (!ex.response) return ''
  const raw = Buffer.from(ex.response.bodyBase64, 'base64')
  const bytes = decodeSmall(ex.response.headers, raw, ex.response.truncated) ?? raw
  return bytes.toString('utf8')
}

/**
 * The start of an answer's body on one line (up to ~120 characters, "…" when cut), or null when
 * the answer had no body: an endpoint usually says in its body why it refused.
 */
export function bodyStart(ex: Pick<Exchange, 'response'>, chars = BODY_START_CHARS): string | null {
  const text = decodedBody(ex).replace(/\s+/g, ' ').trim()
  if (text === '') return null
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text
}

function errorWords(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim()
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>
    for (const key of ['message', 'detail', 'error', 'reason']) {
      if (typeof o[key] === 'string' && o[key].trim() !== '') return o[key].trim()
    }
    return JSON.stringify(value)
  }
  return null
}

/**
 * What a 2xx answer's JSON body says went wrong (`"status":"error"`, `"success":false`,
 * `"ok":false`, or an `"error"` key with a value), or null when it says nothing of the kind.
 * TrialKit only looks at the status, so such an answer shows the user a saved record.
 */
export function bodySaysError(ex: Exchange): string | null {
  let json: unknown
  try {
    json = JSON.parse(decodedBody(ex))
  } catch {
    return null
  }
  // A JSON value that is not an object (null, a number, a string, an array) has none of the keys.
  const o = Object(json) as Record<string, unknown>
  const hasError = o.error !== undefined && o.error !== null && o.error !== false && o.error !== ''
  const failed =
    (typeof o.status === 'string' && o.status.toLowerCase() === 'error') ||
    o.success === false ||
    o.ok === false ||
    hasError
  if (!failed) return null
  const words = errorWords(hasError ? o.error : undefined) ?? errorWords(o.message) ?? null
  // Stryker disable next-line StringLiteral: a body that parsed as JSON is not blank, so bodyStart has words.
  return words ?? bodyStart(ex, 60) ?? 'an error'
}
