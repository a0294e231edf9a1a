let lastMs = Number.NaN
let lastText = ''

/**
 * A time in ms since the epoch as ISO 8601 text, exactly as Date#toISOString writes it. Under load
 * many requests arrive within the same millisecond, so the last millisecond's text is reused.
 */
export function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastText = new Date(ms).toISOString()
    lastMs = ms
  }
  return lastText
}
