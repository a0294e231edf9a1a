import { randomBytes } from 'node:crypto'
import { writeSync } from 'node:fs'
import { open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export interface AtomicWriteOptions {
  /** File mode of the new file, e.g. 0o600 for secrets. Default 0o644 (less the umask). */
  mode?: number
}

const CHUNK_BYTES = 1024 * 1024

/**
 * Replaces a file so that a crash or a full disk never leaves it half written: the content goes to
 * a temp file next to it, is flushed to disk (fsync), and only then renamed over the old file,
 * which is atomic on one file system. Readers see either the old file or the new one.
 * `data` may be an iterable (or async iterable) of text pieces, so large files are written without
 * one huge string, and the event loop runs between the pieces of an async one.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array | Iterable<string> | AsyncIterable<string>,
  options: AtomicWriteOptions = {}
): Promise<void> {
  const mode = options.mode ?? 0o644
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  // Links: 'wx' (O_CREAT | O_EXCL) never opens an existing path, a link included, and rename
  // replaces a link at `file` itself, never its target; so no write here goes through a link.
  const handle = await open(temp, 'wx', mode)
  let renamed = false
  try {
    // umask can only narrow the mode; set it exactly so a secrets file is never group-readable.
    if (process.platform !== 'win32') await handle.chmod(mode)
    if (typeof data === 'string' || data instanceof Uint8Array) {
      await writeAll(handle, typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    } else {
      let pending: string[] = []
      let pendingLength = 0
      for await (const piece of data) {
        pending.push(piece)
        pendingLength += piece.length
        if (pendingLength >= CHUNK_BYTES) {
          await writeAll(handle, Buffer.from(pending.join(''), 'utf8'))
          pending = []
          pendingLength = 0
        }
      }
      if (pending.length > 0) await writeAll(handle, Buffer.from(pending.join(''), 'utf8'))
    }
    await handle.sync()
    await handle.close()
    await rename(temp, file)
    renamed = true
  } finally {
    if (!renamed) {
      await handle.close().catch(() => undefined)
      await unlink(temp).catch(() => undefined)
    }
  }
}

/** Writes every byte: a file write may in principle be partial. */
/** Writes all of `bytes` to the file descriptor now, however many writes that takes. */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  let offset = 0
  while (offset < bytes.byteLength) offset += writeSync(fd, bytes, offset)
}

export async function writeAll(
  handle: {
    write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>
  },
  bytes: Uint8Array
): Promise<void> {
  let offset = 0
  while (offset < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset)
    offset += bytesWritten
  }
}

const FS_ERROR_TEXT: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  ENOENT: 'the folder does not exist',
  EMFILE: 'too many open files',
  FILE_REPLACED:
    'the history file was removed or replaced while in use (by another program or by hand)'
}

/** A file-system error in words a user can act on, without a stack trace. */
export function describeFsError(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && FS_ERROR_TEXT[code]) return `${FS_ERROR_TEXT[code]} (${code})`
    const message = (error as { message?: unknown }).message
    if (typeof message === 'string' && message !== '') return message
  }
  return String(error)
}
