import type { FileHandle } from 'node:fs/promises'
import { describeFsError } from '../atomic-write'
import { openDataFile } from '../data-file-open'
import { readLines, type LineSink, type ReadAt } from './line-reader'

/** Reads only the first `end` bytes: what the file held when the snapshot was taken. */
function upTo(handle: FileHandle, end: number): ReadAt {
  return {
    read: (buffer, offset, length, position) =>
      handle.read(buffer, offset, Math.max(0, Math.min(length, end - position)), position)
  }
}

/**
 * Reads the journal without owning it (`export` while the app or `serve` runs on the data dir).
 * Threat: a reader that cut a torn tail, added a newline, compacted or changed the mode would
 * rewrite the file under its owner, which keeps appending to it. This opens it read-only and never
 * writes; it reads the bytes present at open (a snapshot: lines appended meanwhile are left out,
 * a line being written is not valid JSON and is skipped), and a compaction that replaces the file
 * meanwhile leaves this reader on the old, complete file. Returns why the file could not be read,
 * or null (a missing file is an empty history).
 */
export async function readJournalSnapshot(file: string, sink: LineSink): Promise<string | null> {
  let handle: FileHandle
  try {
    // Never through a link or into a FIFO (see data-file-open.ts).
    handle = await openDataFile(file, 'read')
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null
    return `${file}: ${describeFsError(error)}`
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) return `${file}: it is not a regular file, so history is not read from it`
    await readLines(upTo(handle, info.size), sink)
    return null
  } catch (error) {
    return `${file}: ${describeFsError(error)}`
  } finally {
    await handle.close().catch(() => undefined)
  }
}
