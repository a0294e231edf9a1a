/**
 * Keys that, copied onto a plain object by code that trusts its input, change the object's
 * prototype (prototype pollution). A file that carries them anywhere is refused outright: no
 * honest export has them.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** The path of the first reserved key in a parsed JSON value, or null when there is none. */
export function findReservedKey(value: unknown, path = '', depth = 0): string | null {
  if (value === null || typeof value !== 'object') return null
  if (depth > 100) return `${path || '(root)'} (nested too deep)`
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key
    if (RESERVED_KEYS.has(key)) return here
    const found = findReservedKey((value as Record<string, unknown>)[key], here, depth + 1)
    if (found !== null) return found
  }
  return null
}
