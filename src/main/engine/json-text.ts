import type { EngineEvent } from '../../shared/api'

/**
 * Each history entry is needed as JSON twice under load: once for the journal, once for the live
 * event stream. The journal's text is attached to the entry object it was made from, weakly, so
 * the stream can send it instead of serializing again, and it goes away with the object.
 */
const texts = new WeakMap<object, string>()

/** Records that `text` is JSON.stringify(value); value must not change afterwards. */
export function rememberJson(value: object, text: string): void {
  texts.set(value, text)
}

/** JSON text of an object: the remembered one if there is one, else freshly made. */
export function jsonText(value: object): string {
  return texts.get(value) ?? JSON.stringify(value)
}

/** One live event as JSON, the same text JSON.stringify would make, reusing an entry's text. */
export function eventJson(event: EngineEvent): string {
  const data =
    event.data !== null && typeof event.data === 'object'
      ? jsonText(event.data)
      : JSON.stringify(event.data)
  return `{"type":${JSON.stringify(event.type)},"data":${data}}`
}
