import { STATUS_CODES } from 'node:http'

/** Milliseconds as TrialKit users think of a hook timeout: "30 s", "0.3 s". */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`
}

/** The timeout ProtocolError message: the timeout is the hook's, not a network default. */
export function timeoutMessage(timeoutMs: number): string {
  return `No complete response within ${formatSeconds(timeoutMs)} (the hook's timeout).`
}

/**
 * The timeout message when the headers came in time but the body never completed: "No answer" would
 * send the integrator looking at the wrong thing (their handler answered; its body never ended).
 */
export function bodyTimeoutMessage(status: number, firstByteMs: number, timeoutMs: number): string {
  return `Answered HTTP ${status} headers after ${Math.round(firstByteMs)} ms, but the body never completed; TrialKit gave up at ${formatSeconds(timeoutMs)}.`
}

/**
 * The http-status ProtocolError message. A redirect is named with its Location because TrialKit
 * does not follow it either, so the integrator needs to see where it pointed.
 */
export function statusMessage(status: number, statusText: string, location?: string): string {
  const text = statusText || STATUS_CODES[status] || 'Unknown Status'
  const head = `HTTP ${status} ${text}`
  if (status < 300 || status >= 400) return head
  const where = location === undefined ? 'no Location header' : `Location: ${location}`
  return `${head} (${where}; redirects are not followed)`
}

/** The aborted message: the tool's user cancelled, TrialKit never shows this. */
export function abortedMessage(elapsedMs: number): string {
  return `Cancelled after ${Math.round(elapsedMs)} ms, before a complete response.`
}
