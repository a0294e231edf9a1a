import type { EngineEvent } from '../../shared/api'

/**
 * Each history entry is written as JSON twice under load: once to the journal, once to the live
 * event stream. The journal's text is remembered for the most recent entries so the stream can
 * reuse it instead of serializing again. Bounded: the oldest texts are forgotten first, so it
 * never holds more than a few batches' worth.
 */
const MAX_REMEMBERED = 4096
const remembered = new Map<object, string>()

/** JSON text of an object without remembering it (a bulk rewrite must not push out the rest). */
export function jsonTextOnce(value: object): string {
  return remembered.get(value) ?? JSON.stringify(value)
}

/** JSON text of an entry (or any object), reusing the text made for it a moment ago. */
export function jsonText(value: object): string {
  const known = remembered.get(value)
  if (known !== undefined) return known
  const text = JSON.stringify(value)
  remembered.set(value, text)
  if (remembered.size > MAX_REMEMBERED) {
    const oldest = remembered.keys().next()
    if (!oldest.done) remembered.delete(oldest.value)
  }
  return text
}

/**
 * A batch of live events as the JSON array the stream sends, the same text JSON.stringify would
 * make, with entries' texts reused from the journal.
 */
export function eventsJson(batch: readonly EngineEvent[]): string {
  const parts: string[] = []
  for (const event of batch) {
    const data =
      event.data !== null && typeof event.data === 'object'
        ? jsonText(event.data)
        : JSON.stringify(event.data)
    parts.push(`{"type":${JSON.stringify(event.type)},"data":${data}}`)
  }
  return `[${parts.join(',')}]`
}
