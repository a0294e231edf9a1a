import { decodeAuthorization } from './basic-auth'
import type { Capture, Exchange } from './schemas'
import { REDACTED } from './snippets'

function authorizationOf(entry: Exchange | Capture): string | null {
  const headers = entry.type === 'exchange' ? entry.request.headers : entry.headers
  return headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1] ?? null
}

/**
 * The email an entry's Authorization was sent with: decoded from the header, or, once an export
 * redacted the header, the email kept beside it (`authEmail`, a capture's decoded `auth`), so
 * that who sent it is still known after the password is gone. Null when it carried none.
 */
export function sentEmailOf(entry: Exchange | Capture): string | null {
  const header = authorizationOf(entry)
  if (entry.type === 'capture' && entry.auth?.email) return entry.auth.email
  if (entry.type === 'exchange' && entry.authEmail !== undefined) return entry.authEmail
  if (header === null || header.trim() === REDACTED) return null
  return decodeAuthorization(header).email
}

/**
 * The email to keep beside an Authorization an export is about to redact, or undefined when the
 * header carries none (no header, not Basic, not decodable).
 */
export function emailToKeep(headers: readonly [string, string][]): string | undefined {
  const header = headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1]
  if (header === undefined || header.trim() === REDACTED) return undefined
  const email = decodeAuthorization(header).email
  return email === null || email === '' || email.length > 320 ? undefined : email
}
