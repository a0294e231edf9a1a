import { STORED_BODY_CAP, type HistoryEntry } from '@shared/schemas'

// The receiver and dispatcher already truncate bodies; the journal refuses to store more anyway.

const MAX_BASE64_CHARS = 4 * Math.ceil(STORED_BODY_CAP / 3)

function base64Size(b64: string): number {
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0
  return Math.floor((b64.length * 3) / 4) - padding
}

function capBase64<T extends { bodyBase64: string; bodySize: number; truncated: boolean }>(
  body: T
): T {
  if (body.bodyBase64.length <= MAX_BASE64_CHARS) return body
  const kept = Buffer.from(body.bodyBase64.slice(0, MAX_BASE64_CHARS), 'base64').subarray(
    0,
    STORED_BODY_CAP
  )
  return {
    ...body,
    bodyBase64: kept.toString('base64'),
    bodySize: Math.max(body.bodySize, base64Size(body.bodyBase64)),
    truncated: true
  }
}

/** Cuts UTF-8 text to at most `cap` bytes without splitting a character. */
function capText(text: string, cap: number): string {
  if (text.length * 3 <= cap) return text
  const bytes = Buffer.from(text, 'utf8')
  if (bytes.byteLength <= cap) return text
  let end = cap
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--
  return bytes.toString('utf8', 0, end)
}

/**
 * Never more than STORED_BODY_CAP bytes of any body per entry; true sizes are kept. A decoded copy
 * of a capture's body (as earlier versions and their bundles carry) is never stored: the decoded
 * view is made when it is shown.
 */
export function capBodies(entry: HistoryEntry): HistoryEntry {
  if (entry.type === 'capture') {
    if (entry.decoded === undefined) return capBase64(entry)
    const copy = { ...entry }
    delete copy.decoded
    return capBase64(copy)
  }
  if (entry.type === 'capacity') return entry
  const response = entry.response ? capBase64(entry.response) : null
  const body = capText(entry.request.body, STORED_BODY_CAP)
  if (response === entry.response && body === entry.request.body) return entry
  return { ...entry, response, request: { ...entry.request, body } }
}

/**
 * The text to keep for a journal line read from the file: the line itself, unless it carries a
 * decoded copy of a body (written by earlier versions), which is dropped here as capBodies does.
 */
export function keptLine(entry: HistoryEntry, line: string): string {
  return entry.type === 'capture' && entry.decoded !== undefined
    ? JSON.stringify(capBodies(entry))
    : line
}
