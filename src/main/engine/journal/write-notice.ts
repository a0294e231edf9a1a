import { describeFsError } from '../atomic-write'
import type { HistoryStore } from '../ports'
import { FILE_REPLACED } from './append-file'

export interface WriteNoticeSink {
  /** Shows a notice; returns its id. */
  raise(level: 'info' | 'error', message: string): string | null
  /** Takes a notice away (the failure it described is over). */
  clear(id: string): void
}

export function historyWriteFailedMessage(code: string): string {
  return `History cannot be written: ${describeFsError({ code })}. Until a write succeeds the receiver answers 503 (Retry-After: 1) instead of its behaviour, and captures are kept in memory only, marked not saved.`
}

export const HISTORY_WRITES_RESUMED =
  'History is written again. Captures answered 503 while it failed stay in memory only.'

/** After its file was removed or replaced, the journal rewrote it whole (see AppendFile). */
export const HISTORY_FILE_REBUILT =
  'History is written again: history.jsonl was rebuilt with every kept entry, the captures answered 503 meanwhile among them (marked not saved).'

/**
 * Shows an error notice while history writes fail and takes it away when one succeeds again, with
 * an info notice saying so. A change of cause (e.g. ENOSPC, then EIO) replaces the notice.
 */
export function watchHistoryWrites(journal: HistoryStore, sink: WriteNoticeSink): void {
  let shown: string | null = null
  let cause: string | null = null
  journal.onWriteState((failure) => {
    if (shown !== null) sink.clear(shown)
    shown = null
    if (failure !== null) shown = sink.raise('error', historyWriteFailedMessage(failure))
    else sink.raise('info', cause === FILE_REPLACED ? HISTORY_FILE_REBUILT : HISTORY_WRITES_RESUMED)
    cause = failure
  })
}

/** The data dir cannot be written from the start: announced once, for the whole run. */
export function historyInMemoryMessage(reason: string): string {
  return `History is kept in memory only: ${reason}. Nothing recorded in this run will survive a restart.`
}
