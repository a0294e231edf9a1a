/**
 * Where a forwarded request goes, kept under the forwarding target's base path.
 *
 * Threat: anyone who can reach the receiver chooses the request path. Appended as it came,
 * `/../../admin/delete` (or `/%2e%2e/%2e%2e/admin`, or `..\..`) would climb out of the target's
 * base path (`http://host/hooks/trialkit`) and reach `http://host/admin/delete` with the
 * caller's credentials. So dot segments are resolved here, percent-encoded ones and backslashes
 * included, and a path that would climb above the base is refused, never sent.
 */

export type ForwardUrl = { ok: true; url: string } | { ok: false; message: string }

/** A path segment with its percent-escapes decoded, or as it is when they are malformed. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** `.` or `..` once decoded, also when it hides behind an encoded slash (`..%2f..`). */
function dotKind(segment: string): '.' | '..' | 'hidden' | null {
  const plain = decoded(segment)
  if (plain === '.') return '.'
  if (plain === '..') return '..'
  const parts = plain.split(/[/\\]/)
  if (parts.length > 1 && parts.some((p) => p === '.' || p === '..')) return 'hidden'
  return null
}

/**
 * The request path with its dot segments resolved, relative to the target's base; null when it
 * would climb above it (or hides a dot segment behind an encoded slash).
 */
export function normalizedForwardPath(path: string): string | null {
  // WHATWG URLs read a backslash as a slash in http(s) paths, so it separates segments here too.
  const segments = path.split(/[/\\]/).slice(1)
  const kept: string[] = []
  let climbs = false
  segments.forEach((segment, i) => {
    const kind = dotKind(segment)
    if (kind === 'hidden') climbs = true
    if (kind === null) kept.push(segment)
    if (kind === '..') {
      if (kept.length === 0) climbs = true
      kept.pop()
    }
    // A trailing dot segment leaves the path ending in a slash, as URL resolution does.
    if (kind !== null && i === segments.length - 1) kept.push('')
  })
  return climbs ? null : `/${kept.join('/')}`
}

/**
 * Where a request goes: `forwardTo` as it is for a request to `/`, else `forwardTo` with the
 * request's path (dot segments resolved) appended; the query is appended either way. A path
 * that would leave the target's base path is refused with the reason.
 */
export function forwardUrl(forwardTo: string, path: string, search: string): ForwardUrl {
  let base: URL
  try {
    base = new URL(forwardTo)
  } catch {
    return { ok: false, message: `The forwarding URL "${forwardTo}" is not valid.` }
  }
  const basePath = base.pathname.replace(/\/+$/, '')
  if (path !== '/' && path !== '') {
    const rest = normalizedForwardPath(path)
    if (rest === null) {
      return {
        ok: false,
        message: `The request path ${JSON.stringify(path)} climbs out of the forwarding target's path (${basePath || '/'}), so it was not forwarded.`
      }
    }
    if (rest !== '/') base.pathname = `${basePath}${rest}`
  }
  if (search !== '') {
    const extra = new URLSearchParams(search)
    for (const [k, v] of extra) base.searchParams.append(k, v)
  }
  // The URL parser resolves what is left; whatever it makes must still be under the base.
  const under = base.pathname === basePath || base.pathname.startsWith(`${basePath}/`)
  if (!under) {
    return {
      ok: false,
      message: `The request path ${JSON.stringify(path)} climbs out of the forwarding target's path (${basePath || '/'}), so it was not forwarded.`
    }
  }
  return { ok: true, url: base.href }
}
