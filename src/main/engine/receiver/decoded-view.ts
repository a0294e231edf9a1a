import { contentCodings, DECODED_SHOWN_CAP, type DecodedBody } from '@shared/decoded-body'
import type { Capture } from '@shared/schemas'
import { ValidationError } from '@shared/validation'
import { decodeCodings, MAX_DECODED_BYTES, overLimitText } from './content-encoding'

/**
 * A capture's coded body decoded for the inspector, made when it is shown and never stored: the
 * first DECODED_SHOWN_CAP bytes with the whole decoded size, decoded off the event loop and
 * refused past MAX_DECODED_BYTES (a decompression bomb is named, not inflated).
 */
export async function decodedView(capture: Capture): Promise<DecodedBody> {
  const codings = contentCodings(capture.headers)
  if (codings.length === 0) {
    throw new ValidationError(
      `The capture "${capture.id}" has no Content-Encoding to decode.`,
      'captureId'
    )
  }
  const encoding = codings.join(', ')
  const coded = Buffer.from(capture.bodyBase64, 'base64')
  if (coded.length === 0) {
    return { encoding, bodyBase64: '', bodySize: 0, truncated: false, error: null }
  }
  const decoded = await decodeCodings(codings, coded, {
    keep: DECODED_SHOWN_CAP,
    limit: MAX_DECODED_BYTES,
    partial: capture.truncated
  })
  if (!decoded.ok) {
    return { encoding, bodyBase64: '', bodySize: 0, truncated: false, error: decoded.error }
  }
  if (decoded.overLimit) {
    return {
      encoding,
      bodyBase64: '',
      bodySize: 0,
      truncated: false,
      error: overLimitText(MAX_DECODED_BYTES)
    }
  }
  return {
    encoding,
    bodyBase64: decoded.bytes.toString('base64'),
    bodySize: decoded.size,
    truncated: capture.truncated || decoded.bytes.length < decoded.size,
    error: null
  }
}
