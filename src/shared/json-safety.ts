import { JSON_DEPTH_LIMIT } from './json-depth'

/**
 * Keys that can pollute a prototype. `__proto__`, copied onto a plain object by code that trusts
 * its input, changes the object's prototype; `constructor` or `prototype` holding an object is the
 * path deep-merging code follows to Object.prototype. A file that carries one of those is refused
 * outright. `constructor` or `prototype` as a name with a plain value (a query parameter or a
 * header named so, in honest traffic) is data.
 */
function pollutes(key: string, value: unknown): boolean {
  if (key === '__proto__') return true
  return (
    (key === 'constructor' || key === 'prototype') && value !== null && typeof value === 'object'
  )
}

/**
 * How deep an imported file may nest: a capture's JSON tree (at most JSON_DEPTH_LIMIT levels) and
 * the few levels of the bundle or HAR around it, so whatever the app exports imports back.
 */
const MAX_FILE_DEPTH = JSON_DEPTH_LIMIT + 32

/** The path of the first reserved key in a parsed JSON value, or null when there is none. */
export function findReservedKey(value: unknown, path = '', depth = 0): string | null {
  if (value === null || typeof value !== 'object') return null
  if (depth > MAX_FILE_DEPTH) return `${path || '(root)'} (nested too deep)`
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key
    const child = (value as Record<string, unknown>)[key]
    if (pollutes(key, child)) return here
    const found = findReservedKey(child, here, depth + 1)
    if (found !== null) return found
  }
  return null
}
