import type { FileHandle } from 'node:fs/promises'
import { describeFsError, writeAll } from '../atomic-write'
import { NotRegularFileError, openDataFile } from '../data-file-open'
import { readLines, type LineSink } from './line-reader'

export interface JournalFileRead {
  /** Open for appending, positioned after the last complete line; null: memory only. */
  handle: FileHandle | null
  /** Why the file cannot be written (or read), for the user. */
  error: string | null
  /** A torn last line was cut off (it was counted as a line). */
  tornCut: boolean
}

/**
 * Reads the journal file line by line into the sink and opens it for appending. A torn last line
 * is cut off, a valid one without its newline gets it. A file that can be read but not written
 * still gives its lines; `onReadFailure` is told when a read-only file fails half-way.
 */
export async function openJournalFile(
  file: string,
  sink: LineSink,
  onReadFailure: () => void
): Promise<JournalFileRead> {
  let handle: FileHandle
  try {
    // Threat: a link as history.jsonl would have its target truncated or appended to, a device
    // (a link to /dev/zero) read as an endless line; only a regular file is opened, never
    // through a link, and a FIFO cannot hold the open (see data-file-open.ts).
    handle = await openDataFile(file, 'read-append')
  } catch (error) {
    if (!(error instanceof NotRegularFileError)) await readOnly(file, sink, onReadFailure)
    return { handle: null, error: `${file}: ${describeFsError(error)}`, tornCut: false }
  }
  try {
    const tail = await readLines(handle, sink)
    if (tail.torn) {
      // Drop the torn fragment so the next line starts on a line of its own.
      await handle.truncate(tail.offset)
    } else if (tail.unterminated) {
      await writeAll(handle, Buffer.from('\n'))
    }
    return { handle, error: null, tornCut: tail.torn }
  } catch (error) {
    await handle.close().catch(() => undefined)
    return { handle: null, error: `${file}: ${describeFsError(error)}`, tornCut: false }
  }
}

/** A file that can be read but not written still shows its history. */
async function readOnly(file: string, sink: LineSink, onReadFailure: () => void): Promise<void> {
  let handle: FileHandle
  try {
    handle = await openDataFile(file, 'read')
  } catch {
    return
  }
  try {
    await readLines(handle, sink)
  } catch {
    onReadFailure()
  } finally {
    await handle.close().catch(() => undefined)
  }
}
