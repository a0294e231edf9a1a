import { contentCodings } from '@shared/decoded-body'
import { SerialQueue } from '../serial-queue'
import { decodeCodings } from './content-encoding'
import { parseJsonBody, sizeText } from './inspect-request'
import type { BodyRead } from './read-body'

/**
 * The largest JSON body whose parsed value a capture stores (a TrialKit event is a few hundred
 * bytes). A larger one is kept as its raw bytes only and parsed when it is shown: a second copy
 * of every large body would double what anonymous traffic costs the history.
 */
export const STORED_JSON_MAX_BYTES = 64 * 1024

/**
 * Coded bodies are decoded one at a time. Threat: a brotli bomb fills the decoder's window (up to
 * 16 MiB) before the first bytes come out, whatever the limit; many at once would take every core
 * from the event loop. One at a time, they take at most one core, and only coded requests (which
 * TrialKit never sends) wait behind them.
 */
const decoding = new SerialQueue()

/** A body read as JSON: the value (to detect the event), the error, and whether to store it. */
export interface JsonReading {
  json: unknown
  jsonError: string | null
  /** False when the JSON text is over STORED_JSON_MAX_BYTES: the capture leaves `json` out. */
  store: boolean
}

function reading(parsed: { json: unknown; jsonError: string | null }, bytes: number): JsonReading {
  return { ...parsed, store: parsed.json === null || bytes <= STORED_JSON_MAX_BYTES }
}

/**
 * Reads a body as JSON once, if it is at most STORED_JSON_MAX_BYTES (larger ones are parsed when
 * shown; a body cut at the cap is said to be cut). A body with a Content-Encoding is decoded first, without blocking the
 * event loop and never past what a stored parsed value may hold (STORED_JSON_MAX_BYTES, or the
 * stored-body cap `cap` if smaller): a decompression bomb then costs about what a plain request of
 * its size does: at most 64 KiB of it is inflated. And only when it may be: a request
 * refused (401 for wrong credentials, 413, …) is never decoded, so anonymous traffic cannot make
 * the receiver inflate bombs. `notDecoded` says why a body must not be decoded (null: it may).
 */
export async function readJson(
  headers: readonly [string, string][],
  body: BodyRead,
  cap: number,
  notDecoded: string | null
): Promise<JsonReading> {
  const codings = contentCodings(headers)
  if (body.size === 0 || body.truncated) {
    // A coded body cut at the cap is reported as cut, like any other.
    return reading(parseJsonBody(body.kept, body.size), body.kept.length)
  }
  if (codings.length === 0) {
    // A large body is not parsed on arrival: its value would not be stored, a TrialKit event is
    // never that large, and parsing a megabyte from anyone costs the event loop milliseconds.
    if (body.size > STORED_JSON_MAX_BYTES) return { json: null, jsonError: null, store: false }
    return reading(parseJsonBody(body.kept, body.size), body.size)
  }
  const encoding = codings.join(', ')
  if (notDecoded !== null) {
    return {
      json: null,
      jsonError: `Not parsed: ${notDecoded}, so its ${encoding} body was not decoded.`,
      store: true
    }
  }
  const limit = Math.min(cap, STORED_JSON_MAX_BYTES)
  const decoded = await decoding.run(() =>
    decodeCodings(codings, body.kept, { keep: limit, limit, partial: false })
  )
  if (!decoded.ok) {
    return {
      json: null,
      jsonError: `Not parsed: the ${encoding} body could not be decoded: ${decoded.error}`,
      store: true
    }
  }
  if (decoded.overLimit) {
    return {
      json: null,
      jsonError: `Not parsed: it decodes to more than ${sizeText(limit)} (the receiver reads up to ${sizeText(limit)} of a coded body; it is decoded in full when shown).`,
      store: true
    }
  }
  return reading(parseJsonBody(decoded.bytes, decoded.size), decoded.size)
}
