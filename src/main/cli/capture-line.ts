import { captureOutcome } from '@shared/capture-outcome'
import { FAULT_TABLE, NO_FAULT } from '@shared/faults'
import type { Capture } from '@shared/schemas'

/** A byte count the way a person reads it. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
}

function clock(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0')
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

function target(capture: Capture): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(capture.query)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v)
  }
  const query = params.toString()
  return query === '' ? capture.path : `${capture.path}?${query}`
}

function authText(capture: Capture): string {
  const auth = capture.auth
  if (auth === null) return 'no auth'
  if (auth.scheme.toLowerCase() !== 'basic') return `auth ${auth.scheme || '(no scheme)'} ✗`
  if (!auth.base64Valid) return 'auth Basic (undecodable) ✗'
  const accepted = auth.matchesExpected ?? true
  return `auth ${auth.email ?? ''} ${accepted ? '✓' : '✗'}`
}

/**
 * The answer, short when one went out ("202", "200 after 250 ms", "200 slow-body"), else what
 * happened.
 */
function answerText(capture: Capture): string {
  const { status, delayMs, fault } = capture.response
  if (capture.unfinished || !FAULT_TABLE[fault].answers) return captureOutcome(capture).text
  const text = fault === NO_FAULT ? String(status) : `${status} ${fault}`
  return delayMs > 0 ? `${text} after ${delayMs} ms` : text
}

/**
 * One readable line per received request, for a person watching `listen`: when, what, which
 * TrialKit event, whose credentials (✓ accepted / ✗ refused or malformed), how big, and the answer.
 */
export function formatCaptureLine(capture: Capture): string {
  const size = formatBytes(capture.bodySize) + (capture.truncated ? ' (truncated)' : '')
  const line = [
    clock(capture.receivedAt),
    `${capture.method} ${target(capture)}`,
    capture.event ?? 'no event',
    authText(capture),
    size,
    `→ ${answerText(capture)}`
  ].join('  ')
  return escapeControls(line)
}

/**
 * The line for a request recorded earlier whose answer never went out whole (the caller left
 * first): what became of it, marked as a follow-up to its first line.
 */
export function formatUnfinishedLine(capture: Capture): string {
  return escapeControls(
    `  ↳ ${clock(capture.receivedAt)}  ${capture.method} ${target(capture)}  ${captureOutcome(capture).text}`
  )
}

/**
 * Control characters (C0, DEL and C1) as visible escapes. Threat: a request's path or credentials
 * carrying ESC sequences or CR/LF would otherwise move the cursor, recolour or rewrite the
 * terminal of the person watching, or forge lines in a log.
 */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0)
    return `\\x${code.toString(16).padStart(2, '0')}`
  })
}
