/**
 * How deep a JSON value may nest before the app stops treating it as a JSON tree. Parsing deeper
 * JSON works, but everything done with the value afterwards recurses (the journal line, the live
 * event, HAR and bundle exports, the inspector's pretty view) and throws "Maximum call stack size
 * exceeded" a few thousand levels down; pretty-printed, 4,000 levels make 32 MB of indentation
 * from 8 KB of text. Past this depth a body is kept and shown as its raw bytes only.
 */
export const JSON_DEPTH_LIMIT = 256

/** Why a body past JSON_DEPTH_LIMIT has no JSON tree (a capture's `jsonError`). */
export const JSON_TOO_DEEP = `nested deeper than ${JSON_DEPTH_LIMIT} levels: shown as raw text`

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d

/**
 * Whether JSON text nests arrays and objects deeper than `limit`, found by one pass over the text
 * without recursion (so it cannot overflow the stack however deep the text goes). Brackets inside
 * strings do not count. Meant for text that parses as JSON; for other text the answer is a guess.
 */
export function isJsonTooDeep(text: string, limit = JSON_DEPTH_LIMIT): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === BACKSLASH) i++
      else if (c === QUOTE) inString = false
    } else if (c === QUOTE) inString = true
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > limit) return true
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--
  }
  return false
}
