import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A fresh per-start token: 24 random bytes, URL-safe, so it can ride in `/?token=…`. */
export function newControlToken(): string {
  return randomBytes(24).toString('base64url')
}

/**
 * Compares a presented token with the expected one in constant time. Threat: a page probing the
 * API could otherwise learn the token byte by byte from response timing. Both sides are hashed
 * first so timingSafeEqual always sees equal-length buffers and the length leaks nothing either.
 */
export function tokensEqual(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest()
  const b = createHash('sha256').update(expected, 'utf8').digest()
  return timingSafeEqual(a, b) && expected.length > 0
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(authorization: string | undefined): string | null {
  if (authorization === undefined) return null
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(authorization)
  return match ? (match[1] ?? null) : null
}
