import type { HistoryEntry } from './schemas'

/**
 * The most JSON one page of history carries, counted in UTF-16 units of the entries' text. A page
 * stops at this many (or at its count, whichever comes first) so that no answer is one huge
 * string: 300 large captures in one answer would pass what a JavaScript string can hold. A single
 * entry larger than this is still sent, alone in its page.
 */
export const MAX_HISTORY_PAGE_CHARS = 4 * 1024 * 1024

/** One page of history, newest first, and whether older entries follow it. */
export interface HistoryPage {
  entries: HistoryEntry[]
  /** True when entries older than this page are kept: ask again with offset + entries.length. */
  more: boolean
}
