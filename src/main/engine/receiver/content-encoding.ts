import {
  brotliDecompressSync,
  constants,
  gunzipSync,
  inflateSync,
  type ZlibOptions
} from 'node:zlib'
import type { Capture } from '../../../shared/schemas'

/** The largest decoded body looked at: a small compressed body can expand enormously. */
const MAX_DECODED_BYTES = 64 * 1024 * 1024

type Decoded = NonNullable<Capture['decoded']>

const DECODERS: Record<string, (input: Buffer, partial: boolean) => Buffer> = {
  gzip: (input, partial) => gunzipSync(input, zlibOptions(partial)),
  'x-gzip': (input, partial) => gunzipSync(input, zlibOptions(partial)),
  deflate: (input, partial) => inflateSync(input, zlibOptions(partial)),
  br: (input, partial) =>
    brotliDecompressSync(input, {
      maxOutputLength: MAX_DECODED_BYTES,
      ...(partial ? { finishFlush: constants.BROTLI_OPERATION_FLUSH } : {})
    })
}

function zlibOptions(partial: boolean): ZlibOptions {
  // A body cut at the kept cap has no end: decode what there is.
  return {
    maxOutputLength: MAX_DECODED_BYTES,
    ...(partial ? { finishFlush: constants.Z_SYNC_FLUSH } : {})
  }
}

function errorText(error: unknown): string {
  if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
    return `it decodes to more than ${MAX_DECODED_BYTES / (1024 * 1024)} MiB, so it was not decoded`
  }
  return error instanceof Error ? error.message : String(error)
}

/**
 * A body sent with `Content-Encoding: gzip`, `deflate` or `br`, decoded for reading; the bytes as
 * received stay in the capture untouched. Keeps up to `cap` decoded bytes. null when the body has
 * no (known) content coding.
 */
export function decodeContentEncoding(
  headers: readonly [string, string][],
  kept: Buffer,
  truncated: boolean,
  cap: number
): Decoded | null {
  const header = headers.find(([n]) => n.toLowerCase() === 'content-encoding')
  if (!header || kept.length === 0) return null
  // Codings apply in the order listed; decode from the last one applied.
  const codings = header[1]
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity')
  if (codings.length === 0) return null
  const encoding = codings.join(', ')
  let bytes = kept
  try {
    for (const coding of [...codings].reverse()) {
      const decode = DECODERS[coding]
      if (!decode) {
        return {
          encoding,
          bodyBase64: '',
          bodySize: 0,
          truncated: false,
          error: `"${coding}" is not a coding the receiver can decode (gzip, deflate, br)`
        }
      }
      bytes = decode(bytes, truncated)
    }
  } catch (error) {
    return { encoding, bodyBase64: '', bodySize: 0, truncated: false, error: errorText(error) }
  }
  const keptDecoded = bytes.length > cap ? bytes.subarray(0, cap) : bytes
  return {
    encoding,
    bodyBase64: keptDecoded.toString('base64'),
    bodySize: bytes.length,
    truncated: truncated || keptDecoded.length < bytes.length,
    error: null
  }
}
