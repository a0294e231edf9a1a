import {
  constants,
  createBrotliDecompress,
  createGunzip,
  createInflate,
  type BrotliDecompress,
  type Gunzip,
  type Inflate
} from 'node:zlib'
import { sizeText } from './inspect-request'
import { errorMessage } from '@shared/error-message'

/**
 * Decoding a body sent with a Content-Encoding. Threat: a few kilobytes of gzip or brotli from
 * anyone who can reach the receiver can expand to gigabytes (a decompression bomb). So a body is
 * decoded as a stream on libuv's thread pool, in chunks, never in one synchronous call that would
 * hold the event loop, and decoding stops as soon as the output passes the caller's limit: the
 * receiver reads at most the stored-body cap of it, a view shown on demand at most
 * MAX_DECODED_BYTES.
 */

/** The largest decoded body looked at: a small compressed body can expand enormously. */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024

/** Output chunk of each decoding stage: few, cheap 'data' events on the main thread. */
const CHUNK = 64 * 1024

type Stage = Gunzip | Inflate | BrotliDecompress

const DECODERS: Record<string, (partial: boolean) => Stage> = {
  gzip: (partial) => createGunzip(zlibOptions(partial)),
  'x-gzip': (partial) => createGunzip(zlibOptions(partial)),
  deflate: (partial) => createInflate(zlibOptions(partial)),
  br: (partial) =>
    createBrotliDecompress({
      chunkSize: CHUNK,
      ...(partial ? { finishFlush: constants.BROTLI_OPERATION_FLUSH } : {})
    })
}

function zlibOptions(partial: boolean): { chunkSize: number; finishFlush?: number } {
  // A body cut at the kept cap has no end: decode what there is.
  return { chunkSize: CHUNK, ...(partial ? { finishFlush: constants.Z_SYNC_FLUSH } : {}) }
}

/** A coded body decoded as far as it was asked to be. */
export type Decoding =
  | {
      ok: true
      /** The first `keep` decoded bytes. */
      bytes: Buffer
      /** Decoded bytes counted; the whole decoded size unless `overLimit`. */
      size: number
      /** The output passed the limit and decoding stopped there. */
      overLimit: boolean
    }
  | { ok: false; error: string }

export interface DecodeLimits {
  /** Decoded bytes kept in `bytes`. */
  keep: number
  /** Decoding stops once more than this many bytes came out. */
  limit: number
  /** The coded bytes are only the start of the body (it was cut at the stored cap). */
  partial: boolean
}

/**
 * Decodes `input` coded with `codings` (in the order applied) without blocking the event loop and
 * without ever producing more than `limit` + one chunk of output.
 */
export function decodeCodings(
  codings: readonly string[],
  input: Buffer,
  limits: DecodeLimits
): Promise<Decoding> {
  const unknown = codings.find((c) => DECODERS[c] === undefined)
  if (unknown !== undefined) {
    return Promise.resolve({
      ok: false,
      error: `"${unknown}" is not a coding the receiver can decode (gzip, deflate, br)`
    })
  }
  // Codings apply in the order listed; decode from the last one applied.
  const stages = [...codings].reverse().map((c) => DECODERS[c]!(limits.partial))
  return new Promise<Decoding>((resolve) => {
    const kept: Buffer[] = []
    let keptBytes = 0
    let size = 0
    let done = false
    const finish = (result: Decoding): void => {
      // Stryker disable next-line ConditionalExpression: a promise resolves once and destroying a stream twice does nothing, so a second finish changes nothing
      if (done) return
      // Stryker disable next-line BooleanLiteral: as on the line above
      done = true
      for (const stage of stages) stage.destroy()
      resolve(result)
    }
    const bytes = (): Buffer => Buffer.concat(kept, keptBytes)
    for (let i = 0; i + 1 < stages.length; i++) stages[i]!.pipe(stages[i + 1]!)
    for (const stage of stages) stage.on('error', (error) => finish(failure(error)))
    const last = stages.at(-1)!
    last.on('data', (chunk: Buffer) => {
      // Stryker disable next-line ConditionalExpression: the result is settled by then; bytes counted after it are never read
      if (done) return
      size += chunk.length
      // Stryker disable next-line ConditionalExpression,EqualityOperator: with keep bytes kept, the slice below is empty anyway
      if (keptBytes < limits.keep) {
        const part = chunk.subarray(0, limits.keep - keptBytes)
        kept.push(part)
        keptBytes += part.length
      }
      if (size > limits.limit) finish({ ok: true, bytes: bytes(), size, overLimit: true })
    })
    last.on('end', () => finish({ ok: true, bytes: bytes(), size, overLimit: false }))
    stages[0]!.end(input)
  })
}

function failure(error: unknown): Decoding {
  return { ok: false, error: errorMessage(error) }
}

/** Words for a body that decodes to more than `limit` bytes. */
export function overLimitText(limit: number): string {
  return `it decodes to more than ${sizeText(limit)}, so it was not decoded`
}
