import { decodeAuthorization } from './basic-auth'
import type { Capture, Exchange } from './history-schemas'
import { isRedactedValue } from './replay-credentials'

/**
 * The email an entry was sent (or received) with, to pre-fill a credentials prompt: a capture's
 * decoded Basic auth, or an exchange's Authorization header while it still holds the real value.
 * Null when there was none or it was redacted with the password.
 */
export function sentEmailOf(entry: Exchange | Capture): string | null {
  if (entry.type === 'capture') {
    const email = entry.auth?.email ?? null
    return email === '' ? null : email
  }
  const header = entry.request.headers.find(([n]) => n.toLowerCase() === 'authorization')
  if (!header || isRedactedValue(header[1])) return null
  const email = decodeAuthorization(header[1]).email
  return email === null || email === '' ? null : email
}
