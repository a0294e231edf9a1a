import { z } from 'zod'

/** A body sent with a Content-Encoding, decoded when it is shown (never stored decoded). */

/** The most decoded bytes sent to be shown; the whole decoded size is still said. */
export const DECODED_SHOWN_CAP = 8 * 1024 * 1024

export const DecodedBodySchema = z.object({
  /** The codings as listed in Content-Encoding, e.g. "gzip" or "deflate, br". */
  encoding: z.string(),
  /** The first decoded bytes, up to DECODED_SHOWN_CAP. */
  bodyBase64: z.string(),
  /** Decoded size (as far as decoding went when it stopped at its limit). */
  bodySize: z.number().int().nonnegative(),
  /** Fewer bytes shown than the body decodes to, or the coded body itself was cut at the cap. */
  truncated: z.boolean(),
  /** Why it could not be decoded; null when it was. */
  error: z.string().nullable()
})
export type DecodedBody = z.output<typeof DecodedBodySchema>

/** The content codings a request lists, in the order applied (identity left out); [] for none. */
export function contentCodings(headers: readonly (readonly [string, string])[]): string[] {
  const codings: string[] = []
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== 'content-encoding') continue
    for (const coding of value.split(',')) {
      const c = coding.trim().toLowerCase()
      if (c !== '' && c !== 'identity') codings.push(c)
    }
  }
  return codings
}
