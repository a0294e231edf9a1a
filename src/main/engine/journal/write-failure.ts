import type { Capture } from '@shared/schemas'

/**
 * A history line that could not be written (disk full, I/O error, file gone). The entry is kept
 * in memory, marked not saved; the receiver answers 503 for a capture that hit it, so nothing is
 * acknowledged that a restart would lose.
 */
export class HistoryWriteError extends Error {
  /** The system's error code (ENOSPC, EIO, EDQUOT…), or a short reason when there is none. */
  readonly code: string

  constructor(cause: unknown) {
    const code = codeOf(cause)
    super(`history write failed: ${code}`)
    this.name = 'HistoryWriteError'
    this.code = code
  }
}

function codeOf(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && /^[A-Z0-9_]{1,32}$/.test(code)) return code
  }
  return 'unknown error'
}

export function isHistoryWriteError(error: unknown): error is HistoryWriteError {
  return error instanceof HistoryWriteError
}

/** What the receiver answers while history cannot be written. */
export const HISTORY_WRITE_STATUS = 503

/** The capture as it really went: answered 503 at once, and not in the history file. */
export function unsavedCapture(capture: Capture): Capture {
  return {
    ...capture,
    response: { status: HISTORY_WRITE_STATUS, delayMs: 0, fault: 'none' },
    notSaved: true
  }
}
