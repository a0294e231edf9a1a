import type { HistoryPage } from '@shared/history-page'
import type { HistoryEntry } from '@shared/schemas'
import { describeFsError, writeFileAtomic } from '../atomic-write'
import type {
  HistoryStore,
  JournalLoadReport,
  JournalOptions,
  JournalWrite,
  WriteStateListener
} from '../ports'
import { AppendFile, FileReplacedError } from './append-file'
import { SerialQueue } from '../serial-queue'
import { capBodies, keptLine } from './body-cap'
import { byteBudget, lineBytes, type ByteBudget } from './byte-budget'
import { EntryIndex } from './entry-index'
import { linesOf, parseJournalLine, withoutMark } from './journal-lines'
import { COMPACT_FACTOR, DEFAULT_COMPACT_SLACK_BYTES } from './compaction'
import { openJournalFile } from './open-file'
import { readJournalSnapshot } from './snapshot'
import { OWNER_ONLY_FILE } from '../secrets/owner-only'
import { HistoryWriteError } from './write-failure'

export { capBodies } from './body-cap'
export { COMPACT_FACTOR, DEFAULT_COMPACT_SLACK_BYTES } from './compaction'

/**
 * The history journal: an append-only JSON Lines file, one HistoryEntry per line. A line is only
 * ever added at the end in one write, so a hard kill can at worst tear the last line, which the
 * next open skips. Updates are new lines for the same id (the last one wins). Concurrent appends
 * are group-committed: everything appended in one turn of the event loop goes in one write.
 *
 * Bounded by entries (`cap`) and by bytes (ByteBudget): the oldest entries go first past either.
 *
 * A write that fails (disk full, I/O error) is cut back off the file, its entries stay in memory
 * marked not saved, and every later batch tries again: journaling resumes by itself as soon as a
 * write succeeds. Only a file that cannot be opened at the start means history in memory only.
 */

/** Told when its line is in the file (null), or why it could not be written. */
type Waiter = (failure: HistoryWriteError | null) => void

/** Entries in memory (see EntryIndex), and the file they are journaled to. */
class Journal implements HistoryStore {
  private readonly index = new EntryIndex()
  /** Where lines are appended; null when history is in memory only. */
  private readonly out: AppendFile | null
  /** Ids and texts of the entries waiting to be written, and who waits for each (same index). */
  private queueIds: string[] = []
  private queue: string[] = []
  private waiters: Waiter[] = []
  private flushScheduled = false
  /** Serializes every file operation: batch writes, clear, compaction, close. */
  private readonly serial = new SerialQueue()
  /** Lines in the file, kept and superseded alike, to know when to compact. */
  private fileLines = 0
  private compactAt: number
  /** Size of the file in bytes (compared with the kept entries' and with the budget). */
  private fileBytes = 0
  private closed = false
  /** False until the file is open for appending; history stays in memory only without it. */
  private writable = false
  /** The last write's failure, until a write succeeds again. */
  private failure: HistoryWriteError | null = null
  private readonly listeners: WriteStateListener[] = []
  private report: JournalLoadReport = { loaded: 0, skipped: 0, error: null }

  constructor(
    private readonly file: string | null,
    private cap: number,
    private budget: ByteBudget,
    private readonly slackBytes: number,
    write?: JournalWrite,
    private readonly readOnly = false
  ) {
    this.compactAt = Math.ceil(cap * COMPACT_FACTOR)
    this.out = file === null || readOnly ? null : new AppendFile(file, write)
  }

  get persisted(): boolean {
    return this.writable && this.failure === null
  }

  get writeFailure(): string | null {
    return this.failure?.code ?? null
  }

  onWriteState(listener: WriteStateListener): void {
    this.listeners.push(listener)
  }

  get loadReport(): JournalLoadReport {
    return this.report
  }

  get size(): number {
    return this.index.size
  }

  entries(): HistoryEntry[] {
    return this.index.entries()
  }

  page(offset: number, limit: number): HistoryEntry[] {
    return this.index.page(offset, limit)
  }

  pageWithin(offset: number, limit: number, maxChars: number): HistoryPage {
    return this.index.pageWithin(offset, limit, maxChars)
  }

  ids(): string[] {
    return this.index.ids()
  }

  has(id: string): boolean {
    return this.index.has(id)
  }

  get(id: string): HistoryEntry | undefined {
    return this.index.get(id)
  }

  append(entry: HistoryEntry): Promise<string | undefined> {
    return this.put(entry, false)
  }

  record(entry: HistoryEntry): Promise<string | undefined> {
    return this.put(entry, true)
  }

  replace(entry: HistoryEntry): Promise<string | undefined> {
    return this.put(entry, false)
  }

  holdUnsaved(entry: HistoryEntry): void {
    if (!this.index.has(entry.id)) return
    this.index.store(entry.id, JSON.stringify({ ...capBodies(entry), notSaved: true }))
  }

  clear(): Promise<void> {
    this.index.clear()
    this.flushPending()
    return this.enqueue(async () => {
      if (!this.out?.isOpen) return
      try {
        await this.out.truncate()
        this.fileLines = 0
        this.fileBytes = 0
      } catch (error) {
        // Closed; the next batch opens it again.
        this.setFailure(new HistoryWriteError(error))
        await this.out.close()
      }
    })
  }

  setCap(cap: number): Promise<void> {
    this.cap = cap
    this.compactAt = Math.ceil(cap * COMPACT_FACTOR)
    this.trim()
    this.flushPending()
    return this.enqueue(async () => {
      if (this.fileLines > this.compactAt || this.fileBytes > this.budget.maxBytes) {
        await this.compact()
      }
    })
  }

  setMaxBytes(maxBytes: number): Promise<void> {
    this.budget = byteBudget(maxBytes)
    return this.setCap(this.cap)
  }

  async close(): Promise<void> {
    if (this.closed) return this.serial.settled()
    this.closed = true
    this.flushPending()
    await this.enqueue(async () => {
      await this.out?.close()
    })
  }

  /** Reads the file, keeping the last `cap` valid entries; then opens it for appending. */
  async load(): Promise<void> {
    if (this.file === null) return
    if (this.readOnly) {
      const error = await readJournalSnapshot(this.file, this.sink)
      this.trim()
      this.report = { ...this.report, error, loaded: this.index.size }
      return
    }
    if (this.out === null) return
    const read = await openJournalFile(this.file, this.sink, () => this.index.clear())
    if (read.tornCut) this.fileLines--
    if (read.error) this.report = { ...this.report, error: read.error }
    if (read.handle) {
      try {
        await this.out.adopt(read.handle)
        this.writable = true
      } catch (error) {
        await read.handle.close().catch(() => undefined)
        this.report = { ...this.report, error: `${this.file}: ${describeFsError(error)}` }
      }
    }
    this.trim()
    this.report = { ...this.report, loaded: this.index.size }
    if (this.writable && (this.fileLines > this.cap || this.fileBytes > this.budget.maxBytes)) {
      await this.enqueue(() => this.compact())
    }
  }

  private readonly sink = {
    ingest: (text: string): boolean => this.ingest(text),
    /** A line too long to be an entry: counted and skipped like any unreadable line. */
    skip: (): void => {
      this.fileLines++
      this.report.skipped++
    }
  }

  private ingest(text: string): boolean {
    if (text.trim() === '') return true
    this.fileLines++
    this.fileBytes += lineBytes(text)
    const entry = parseJournalLine(text)
    if (entry === null) {
      this.report.skipped++
      return false
    }
    // The line itself is kept (less an old decoded copy of a body): the history schemas have no
    // defaults or transforms, so it is the entry as validated.
    this.index.store(entry.id, keptLine(entry, text))
    if (this.index.size > this.cap * 2 || this.index.keptBytes > this.budget.maxBytes) this.trim()
    return true
  }

  private put(given: HistoryEntry, strict: boolean): Promise<string | undefined> {
    // A version that is written is saved: the not-saved mark never reaches the file.
    const input = given.type !== 'capacity' && given.notSaved ? withoutMark(given) : given
    const entry = capBodies(input)
    const text = JSON.stringify(entry)
    this.index.store(entry.id, text)
    this.trim()
    // The live events send the given object a moment later and reuse this text, unless it
    // describes a cut-down copy.
    const shared = entry === given ? text : undefined
    if (!this.writable || this.closed) return Promise.resolve(shared)
    return new Promise<string | undefined>((resolve, reject) => {
      this.queueIds.push(entry.id)
      this.queue.push(text)
      this.waiters.push((failure) => {
        if (failure && strict) reject(failure)
        else resolve(shared)
      })
      if (!this.flushScheduled) {
        this.flushScheduled = true
        // Written once this turn of the event loop has read what arrived: every request parsed
        // in it joins the batch.
        setImmediate(() => {
          this.flushScheduled = false
          this.flushPending()
        })
      }
    })
  }

  /**
   * Queues the write of the lines appended so far. Called by every operation that touches the
   * file (clear, compaction, close) before it queues itself, so the file sees everything in the
   * order it happened: a line appended after a clear is never truncated away.
   */
  private flushPending(): void {
    if (this.queue.length === 0) return
    const batch = { ids: this.queueIds, lines: this.queue }
    const waiters = this.waiters
    this.queueIds = []
    this.queue = []
    this.waiters = []
    void this.enqueue(() => this.writeBatch(batch, waiters))
  }

  private async writeBatch(
    batch: { ids: string[]; lines: string[] },
    waiters: Waiter[]
  ): Promise<void> {
    let failure: HistoryWriteError | null = null
    try {
      // After an error the file may be closed: every batch tries to open it again.
      await this.out!.open()
      // The file was removed or replaced under us: what was acknowledged goes back on disk first,
      // this batch with it (its entries are kept ones).
      let restored = false
      if (this.out!.replaced) {
        await this.compact()
        if (this.out!.replaced || !this.out!.isOpen) throw new FileReplacedError()
        restored = true
      }
      if (!restored) {
        const text = `${batch.lines.join('\n')}\n`
        const bytes = Buffer.byteLength(text)
        // Past the budget the file is rewritten first; the rewrite holds this batch's kept entries.
        if (this.fileBytes + bytes <= this.budget.maxBytes || !(await this.compact())) {
          await this.out!.append(text)
          this.fileLines += batch.lines.length
          this.fileBytes += bytes
        }
      }
    } catch (error) {
      failure = new HistoryWriteError(error)
      this.markUnsaved(batch)
    }
    this.setFailure(failure)
    for (const waiter of waiters) waiter(failure)
    if (failure === null && this.compactionDue()) await this.compact()
  }

  /** The batch's entries stay in memory, marked not saved (unless replaced meanwhile). */
  private markUnsaved(batch: { ids: string[]; lines: string[] }): void {
    for (let i = 0; i < batch.ids.length; i++) {
      const id = batch.ids[i]!
      const text = batch.lines[i]!
      if (this.index.text(id) === text)
        this.index.store(id, `${text.slice(0, -1)},"notSaved":true}`)
    }
  }

  private setFailure(failure: HistoryWriteError | null): void {
    if (failure?.code === this.failure?.code) {
      this.failure = failure
      return
    }
    this.failure = failure
    if (failure) {
      this.report = {
        ...this.report,
        error: `${this.file}: ${describeFsError({ code: failure.code })}`
      }
    }
    for (const listener of this.listeners) listener(failure?.code ?? null)
  }

  /** Past both bounds: the lines (relative to the cap) and the size (relative to what is kept). */
  private compactionDue(): boolean {
    return (
      this.fileLines > this.compactAt &&
      this.fileBytes > this.index.keptBytes * COMPACT_FACTOR + this.slackBytes
    )
  }

  /**
   * Rewrites the file with only the kept entries (atomically), then appends to the new file.
   * Resolves with whether the file was rewritten.
   */
  private async compact(): Promise<boolean> {
    if (!this.out?.isOpen || this.file === null) return false
    const kept = this.index.keptTexts()
    let fresh = false
    try {
      await this.out.close()
      await writeFileAtomic(this.file, linesOf(kept), { mode: OWNER_ONLY_FILE })
      this.fileLines = kept.length
      this.fileBytes = this.index.keptBytes
      this.compactAt = Math.ceil(this.cap * COMPACT_FACTOR)
      fresh = true
    } catch {
      // Keep appending to the old file; try again after another half cap of lines.
      this.compactAt = this.fileLines + Math.ceil(this.cap / 2)
    }
    try {
      await this.out.open(fresh)
    } catch (error) {
      // The next batch tries to open it again.
      this.setFailure(new HistoryWriteError(error))
    }
    return fresh
  }

  private trim(): void {
    this.index.trim(this.cap, this.budget.keepBytes)
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    return this.serial.run(op)
  }
}

/** Opens (or creates) the journal; never throws: an unusable file means history in memory only. */
export async function openJournal(options: JournalOptions): Promise<HistoryStore> {
  const journal = new Journal(
    options.file,
    options.cap,
    byteBudget(options.maxBytes),
    options.compactSlackBytes ?? DEFAULT_COMPACT_SLACK_BYTES,
    options.write,
    options.readOnly === true
  )
  await journal.load()
  return journal
}
