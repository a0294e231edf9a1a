import { DEFAULT_HISTORY_MAX_BYTES } from '@shared/schemas'

/**
 * The history's byte budget. Threat: anyone who can reach the receiver (a web page included) can
 * send large bodies; an entry cap alone would let a few hundred of them grow the journal and the
 * memory holding it without bound, until the UI cannot load the history any more. So the journal
 * file never grows past `maxBytes`, and the entries kept take at most half of it (`keepBytes`):
 * the other half is room for the append-only file to grow between rewrites.
 */
export interface ByteBudget {
  /** The journal file is rewritten before a write would take it past this. */
  readonly maxBytes: number
  /** The kept entries' lines take at most this; the oldest are dropped beyond it. */
  readonly keepBytes: number
}

/** The budget for a `historyMaxBytes` preference (the default when none is given). */
export function byteBudget(maxBytes = DEFAULT_HISTORY_MAX_BYTES): ByteBudget {
  return { maxBytes, keepBytes: Math.floor(maxBytes / 2) }
}

/** A journal line's size in the file: its UTF-8 bytes and the newline. */
export function lineBytes(text: string): number {
  return Buffer.byteLength(text, 'utf8') + 1
}
