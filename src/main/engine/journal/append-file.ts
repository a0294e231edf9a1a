import { ftruncateSync } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { writeAllSync } from '../atomic-write'
import { openDataFile } from '../data-file-open'
import type { JournalWrite } from '../ports'

/**
 * The journal file's end, where lines are appended. A write that fails half-way (disk full) is
 * cut back off, so the next line is never glued to a fragment; when even that fails, the next
 * write starts with a newline, which makes the fragment a line of its own that a load skips.
 * After an error the file may be closed; open() opens it again.
 */
export class AppendFile {
  private handle: FileHandle | null = null
  /** Bytes in the file: where a failed write is cut back to. */
  private bytes = 0
  private fragmentLeft = false

  constructor(
    private readonly path: string,
    private readonly write: JournalWrite = writeAllSync
  ) {}

  get isOpen(): boolean {
    return this.handle !== null
  }

  /** Takes over the handle the load read the file with. */
  async adopt(handle: FileHandle): Promise<void> {
    this.bytes = (await handle.stat()).size
    this.handle = handle
  }

  /** Opens the file for appending unless it is open; `fresh`: it was just rewritten whole. */
  async open(fresh = false): Promise<void> {
    if (this.handle) return
    // Never through a link or into a FIFO (see data-file-open.ts).
    const handle = await openDataFile(this.path, 'append')
    try {
      this.bytes = (await handle.stat()).size
    } catch (error) {
      await handle.close().catch(() => undefined)
      throw error
    }
    this.handle = handle
    if (fresh) this.fragmentLeft = false
  }

  /**
   * Appends the text, by default now (a synchronous write: a batch is a few kilobytes into the
   * page cache, far cheaper than a round trip through the thread pool, which on a busy machine
   * waits for a core); an injected write that returns a promise is waited for. Throws what the
   * write threw, after cutting back what it left.
   */
  async append(text: string): Promise<void> {
    if (!this.handle) throw new Error('the history file is not open')
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
