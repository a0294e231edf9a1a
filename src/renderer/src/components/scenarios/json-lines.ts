/** One line of pretty-printed JSON, and whether its value differs from the previous step's. */
export interface JsonLine {
  text: string
  changed: boolean
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function walk(
  value: unknown,
  prev: unknown,
  hadPrev: boolean,
  compare: boolean,
  key: string | null,
  depth: number,
  last: boolean,
  out: JsonLine[]
): void {
  const pad = '  '.repeat(depth)
  const prefix = `${pad}${key === null ? '' : `${JSON.stringify(key)}: `}`
  const comma = last ? '' : ','
  if (isObject(value)) {
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [String(i), v])
      : Object.entries(value)
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}']
    if (entries.length === 0) {
      out.push({ text: `${prefix}${open}${close}${comma}`, changed: compare && !same(value, prev) })
      return
    }
    out.push({ text: `${prefix}${open}`, changed: compare && !hadPrev })
    entries.forEach(([k, v], i) => {
      const has = isObject(prev) && k in prev
      walk(
        v,
        has ? (prev as Record<string, unknown>)[k] : undefined,
        has,
        compare,
        Array.isArray(value) ? null : k,
        depth + 1,
        i === entries.length - 1,
        out
      )
    })
    out.push({ text: `${pad}${close}${comma}`, changed: false })
    return
  }
  out.push({
    text: `${prefix}${JSON.stringify(value)}${comma}`,
    changed: compare && (!hadPrev || !same(value, prev))
  })
}

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

/**
 * A body as pretty JSON lines, each marked when its value is new or different from the
 * previous body's (none are marked without a previous body). A body that is not JSON is shown as
 * its own lines, unmarked.
 */
export function jsonLines(body: string, previous: string | null): JsonLine[] {
  const now = parse(body)
  if (!now.ok) return body.split('\n').map((text) => ({ text, changed: false }))
  const before = previous === null ? { ok: false as const } : parse(previous)
  const out: JsonLine[] = []
  walk(now.value, before.ok ? before.value : undefined, before.ok, before.ok, null, 0, true, out)
  return out
}
