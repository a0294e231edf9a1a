import { HISTORY_WRITE_STATUS, type HistoryWriteError } from '../journal/write-failure'
import type { Answer } from './answers'

/**
 * The answer while the capture could not be written to history: 503 with Retry-After, so the
 * caller tries again, and a one-line text body naming the cause. Never what the behaviour says:
 * a 2xx would acknowledge a capture that a restart would lose.
 */
export function historyWriteFailedAnswer(
  error: HistoryWriteError,
  closeConnection: boolean
): Answer {
  const body = Buffer.from(`history write failed: ${error.code}`, 'utf8')
  const headers = [
    'Content-Type',
    'text/plain; charset=utf-8',
    'Retry-After',
    '1',
    'Content-Length',
    String(body.byteLength)
  ]
  if (closeConnection) headers.push('Connection', 'close')
  return {
    status: HISTORY_WRITE_STATUS,
    headers,
    body,
    delayMs: 0,
    fault: 'none',
    closeConnection
  }
}
