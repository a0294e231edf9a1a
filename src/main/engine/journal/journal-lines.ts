import { HistoryEntrySchema, type HistoryEntry } from '@shared/schemas'

/** One journal line as its entry, or null when it is not JSON or not a valid entry (skipped). */
export function parseJournalLine(text: string): HistoryEntry | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  return HistoryEntrySchema.safeParse(value).success ? (value as HistoryEntry) : null
}

/** Kept entries' texts as the lines of a rewritten file. */
export function* linesOf(texts: readonly string[]): Generator<string> {
  for (const text of texts) yield `${text}\n`
}

/** An entry without the in-memory mark that it could not be saved. */
export function withoutMark(entry: HistoryEntry): HistoryEntry {
  const copy: HistoryEntry & { notSaved?: true } = { ...entry }
  delete copy.notSaved
  return copy
}
