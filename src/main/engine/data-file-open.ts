import { constants, lstatSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { OWNER_ONLY_FILE } from './secrets/owner-only'

/**
 * How a file of the data directory is opened. Every read, write and chmod of settings.json,
 * secrets.json and history.jsonl goes through `openDataFile`, so none of them follows a link or
 * waits on something that is not a file.
 *
 * Threat: a link planted as `history.jsonl` would make an append-open truncate or grow its
 * target, a link as `secrets.json` would make the owner-only narrowing chmod its target, and a
 * FIFO as `settings.json` would block the start for ever on an open that waits for a writer.
 * O_NOFOLLOW refuses the link itself, O_NONBLOCK makes a FIFO's open return at once, and fstat
 * on the open descriptor (not stat on the path, which could be swapped in between) keeps only
 * regular files. Windows has neither flag (they are 0 there); its links need privileges to make.
 */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0
const NON_BLOCK = constants.O_NONBLOCK ?? 0

const FLAGS = {
  read: constants.O_RDONLY,
  /** Read it whole, then append; created owner-only when missing (the journal). */
  'read-append': constants.O_RDWR | constants.O_APPEND | constants.O_CREAT,
  append: constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT
} as const

export type DataFileAccess = keyof typeof FLAGS

/** A path that exists but is a link, a FIFO, a device or a folder: never read or written. */
export class NotRegularFileError extends Error {
  override readonly name = 'NotRegularFileError'
  /** ELOOP for a link, ENOTREG for anything else that is not a regular file. */
  readonly code: string

  constructor(
    readonly path: string,
    what: string,
    code: string
  ) {
    super(`it is ${what}, not a regular file, so it is not opened (links are never followed)`)
    this.code = code
  }
}

function kindOf(info: {
  isDirectory(): boolean
  isFIFO(): boolean
  isSocket(): boolean
  isCharacterDevice(): boolean
  isBlockDevice(): boolean
}): string {
  if (info.isDirectory()) return 'a folder'
  if (info.isFIFO()) return 'a FIFO (named pipe)'
  if (info.isSocket()) return 'a socket'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  return 'not a plain file'
}

/**
 * Opens a data-directory file without following a link at its last component and only when it
 * is a regular file (checked on the open descriptor). Rejects with NotRegularFileError for a
 * link, FIFO, device or folder, or with the system's error (ENOENT, EACCES, …) otherwise.
 */
export async function openDataFile(path: string, access: DataFileAccess): Promise<FileHandle> {
  let handle: FileHandle
  try {
    handle = await open(path, FLAGS[access] | NO_FOLLOW | NON_BLOCK, OWNER_ONLY_FILE)
  } catch (error) {
    const code = (error as { code?: unknown }).code
    // Linux says ELOOP for a link under O_NOFOLLOW; BSDs and macOS say EMLINK or EFTYPE.
    if (code === 'ELOOP' || code === 'EMLINK' || code === 'EFTYPE') {
      throw new NotRegularFileError(path, 'a symbolic link', 'ELOOP')
    }
    // A FIFO without a reader refuses a non-blocking write-only open: say what it is.
    if (code === 'ENXIO') throw new NotRegularFileError(path, 'a FIFO (named pipe)', 'ENOTREG')
    throw error
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new NotRegularFileError(path, kindOf(info), 'ENOTREG')
  } catch (error) {
    await handle.close().catch(() => undefined)
    throw error
  }
  return handle
}

/** The whole text of a data-directory file, read through `openDataFile`. */
export async function readDataFile(path: string): Promise<string> {
  const handle = await openDataFile(path, 'read')
  try {
    return await handle.readFile('utf8')
  } finally {
    await handle.close().catch(() => undefined)
  }
}

/**
 * Throws NotRegularFileError when `path` exists as anything but a regular file. For libraries
 * that open the file themselves by path (electron-store): checked just before they do, in a data
 * dir only its owner can write (data-dir-trust.ts), so nobody else can swap it in between.
 */
export function assertRegularOrMissing(path: string): void {
  let info
  try {
    info = lstatSync(path)
  } catch {
    return
  }
  if (info.isSymbolicLink()) throw new NotRegularFileError(path, 'a symbolic link', 'ELOOP')
  if (!info.isFile()) throw new NotRegularFileError(path, kindOf(info), 'ENOTREG')
}
