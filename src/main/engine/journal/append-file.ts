import { ftruncateSync, lstatSync, type Stats } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { writeAllSync } from '../atomic-write'
import { openDataFile } from '../data-file-open'
import type { JournalWrite } from '../ports'

/** Why a write stopped: the path no longer names the file this journal has open. */
export const FILE_REPLACED = 'FILE_REPLACED'

/** A write refused because the journal's file was removed or replaced under it. */
export class FileReplacedError extends Error {
  readonly code = FILE_REPLACED

  constructor() {
    super('the history file was removed or replaced while in use')
  }
}

/**
 * The journal file's end, where lines are appended. A write that fails half-way (disk full) is
 * cut back off, so the next line is never glued to a fragment; when even that fails, the next
 * write starts with a newline, which makes the fragment a line of its own that a load skips.
 * After an error the file may be closed; open() opens it again.
 *
 * Before and after every write the path is checked to still name the open file (same device and
 * inode). Threat: another program, a second process on the data dir or the user removing or
 * replacing history.jsonl; appending to the open descriptor would then write into a deleted file
 * and acknowledge captures a restart no longer has. Such a write fails instead (FileReplacedError)
 * and the file is closed, `replaced` set until it is rewritten whole (open with `fresh`).
 */
export class AppendFile {
  private handle: FileHandle | null = null
  /** Bytes in the file: where a failed write is cut back to. */
  private bytes = 0
  private fragmentLeft = false
  /** The open file's identity, compared with what the path names. */
  private identity: { dev: number; ino: number } | null = null
  /** The path stopped naming the file this journal wrote (until it is rewritten whole). */
  replaced = false

  constructor(
    private readonly path: string,
    private readonly write: JournalWrite = writeAllSync
  ) {}

  get isOpen(): boolean {
    return this.handle !== null
  }

  /** Takes over the handle the load read the file with. */
  async adopt(handle: FileHandle): Promise<void> {
    const info = await handle.stat()
    this.bytes = info.size
    this.identity = { dev: info.dev, ino: info.ino }
    this.handle = handle
  }

  /** Opens the file for appending unless it is open; `fresh`: it was just rewritten whole. */
  async open(fresh = false): Promise<void> {
    if (this.handle) return
    // Never through a link or into a FIFO (see data-file-open.ts).
    const handle = await openDataFile(this.path, 'append')
    let info: Stats
    try {
      info = await handle.stat()
    } catch (error) {
      await handle.close().catch(() => undefined)
      throw error
    }
    this.bytes = info.size
    this.identity = { dev: info.dev, ino: info.ino }
    this.handle = handle
    if (fresh) {
      this.fragmentLeft = false
      this.replaced = false
    }
  }

  /** Whether the path still names the open file; a missing path or another file does not. */
  private stillOurs(): boolean {
    const now = lstatSync(this.path, { throwIfNoEntry: false })
    return now !== undefined && now.dev === this.identity?.dev && now.ino === this.identity.ino
  }

  /** The file is gone from under us: stop writing to it (see the class comment). */
  private async lose(): Promise<never> {
    this.replaced = true
    await this.close()
    throw new FileReplacedError()
  }

  /**
   * Appends the text, by default now (a synchronous write: a batch is a few kilobytes into the
   * page cache, far cheaper than a round trip through the thread pool, which on a busy machine
   * waits for a core); an injected write that returns a promise is waited for. Throws what the
   * write threw, after cutting back what it left.
   */
  async append(text: string): Promise<void> {
    if (!this.handle) throw new Error('the history file is not open')
    if (!this.stillOurs()) await this.lose()
    const fd = this.handle.fd
    const bytes = Buffer.from(this.fragmentLeft ? `\n${text}` : text, 'utf8')
    try {
      const pending = this.write(fd, bytes)
      if (pending) await pending
    } catch (error) {
      try {
        ftruncateSync(fd, this.bytes)
      } catch {
        this.fragmentLeft = true
      }
      throw error
    }
    this.fragmentLeft = false
    this.bytes += bytes.byteLength
    // Replaced while writing: these bytes went to the old file, not the one a restart reads.
    if (!this.stillOurs()) await this.lose()
  }

  /** Empties the file; throws when it cannot. */
  async truncate(): Promise<void> {
    if (!this.handle) return
    await this.handle.truncate(0)
    this.bytes = 0
    this.fragmentLeft = false
  }

  async close(): Promise<void> {
    const handle = this.handle
    this.handle = null
    await handle?.close().catch(() => undefined)
  }
}
