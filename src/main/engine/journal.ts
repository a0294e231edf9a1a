import { open, type FileHandle } from 'node:fs/promises'
import { HistoryEntrySchema, STORED_BODY_CAP, type HistoryEntry } from '../../shared/schemas'
import { describeFsError, writeAll, writeAllSync, writeFileAtomic } from './atomic-write'
import type { HistoryStore, JournalLoadReport, JournalOptions } from './contracts'

/**
 * The history journal: an append-only JSON Lines file, one HistoryEntry per line. A line is only
 * ever added at the end in one write, so a hard kill can at worst tear the last line, which the
 * next open skips. Updates are new lines for the same id (the last one wins). Concurrent appends
 * are group-committed: everything appended in one turn of the event loop goes in one write.
 */

const READ_CHUNK = 1024 * 1024
const NEWLINE = 0x0a
/**
 * The file is rewritten with only the kept entries once it holds this many times the cap in lines
 * and this many times the kept entries' size plus the slack in bytes.
 */
export const COMPACT_FACTOR = 2
/**
 * How much the file may outgrow twice the kept entries before a rewrite: a flood into a small
 * history then rewrites it every few tens of thousands of lines, not every `cap` lines.
 */
export const DEFAULT_COMPACT_SLACK_BYTES = 16 * 1024 * 1024
/**
 * No entry's line comes near this (bodies are capped at 1 MiB each); a longer "line" is damage,
 * e.g. the run of NUL bytes a crash can leave in a file, and is skipped without being kept whole.
 */
const MAX_LINE_BYTES = 32 * 1024 * 1024

/** Told when its line is in the file: with the line's text, or nothing if it is not shared. */
type Waiter = (text: string | undefined) => void

/**
 * Entries are held as their JSON text, not as objects: a string is one flat block for the garbage
 * collector where an entry object is dozens of small ones to trace and move, the text is what the
 * file and the event stream need anyway, and compaction can write it again without serializing.
 * Readers get a freshly parsed entry.
 */
class Journal implements HistoryStore {
  /** id → the entry's latest JSON text. */
  private readonly texts = new Map<string, string>()
  /** Ids from `head` on, oldest first; an update keeps the entry's first place. */
  private order: string[] = []
  private head = 0
  private handle: FileHandle | null = null
  /** Texts of the entries waiting to be written, and who waits for each (same index). */
  private queue: string[] = []
  private waiters: Waiter[] = []
  private flushScheduled = false
  /** Serializes every file operation: batch writes, clear, compaction, close. */
  private chain: Promise<void> = Promise.resolve()
  /** Lines in the file, kept and superseded alike, to know when to compact. */
  private fileLines = 0
  private compactAt: number
  /** Size of the file and of the kept entries' lines, counted in UTF-16 units as a proxy. */
  private fileChars = 0
  private keptChars = 0
  private closed = false
  /** False until the file is open for appending, and again after a write failed for good. */
  private writable = false
  private report: JournalLoadReport = { loaded: 0, skipped: 0, error: null }

  constructor(
    private readonly file: string | null,
    private cap: number,
    private readonly slackChars: number
  ) {
    this.compactAt = Math.ceil(cap * COMPACT_FACTOR)
  }

  get persisted(): boolean {
    return this.writable
  }

  get loadReport(): JournalLoadReport {
    return this.report
  }

  get size(): number {
    return this.texts.size
  }

  entries(): HistoryEntry[] {
    const all = new Array<HistoryEntry>(this.texts.size)
    for (let i = this.head, j = 0; i < this.order.length; i++, j++) {
      all[j] = JSON.parse(this.texts.get(this.order[i]!)!) as HistoryEntry
    }
    return all
  }

  page(offset: number, limit: number): HistoryEntry[] {
    const page: HistoryEntry[] = []
    const first = Math.max(this.head, this.order.length - offset - limit)
    for (let i = this.order.length - 1 - offset; i >= first; i--) {
      page.push(JSON.parse(this.texts.get(this.order[i]!)!) as HistoryEntry)
    }
    return page
  }

  has(id: string): boolean {
    return this.texts.has(id)
  }

  get(id: string): HistoryEntry | undefined {
    const text = this.texts.get(id)
    return text === undefined ? undefined : (JSON.parse(text) as HistoryEntry)
  }

  append(entry: HistoryEntry): Promise<string | undefined> {
    return this.put(entry)
  }

  replace(entry: HistoryEntry): Promise<string | undefined> {
    return this.put(entry)
  }

  clear(): Promise<void> {
    this.texts.clear()
    this.order = []
    this.head = 0
    this.keptChars = 0
    this.flushPending()
    return this.enqueue(async () => {
      if (!this.handle) return
      try {
        await this.handle.truncate(0)
        this.fileLines = 0
        this.fileChars = 0
      } catch (error) {
        await this.fail(error)
      }
    })
  }

  setCap(cap: number): Promise<void> {
    this.cap = cap
    this.compactAt = Math.ceil(cap * COMPACT_FACTOR)
    this.trim()
    this.flushPending()
    return this.enqueue(async () => {
      if (this.fileLines > this.compactAt) await this.compact()
    })
  }

  async close(): Promise<void> {
    if (this.closed) return this.chain
    this.closed = true
    this.flushPending()
    await this.enqueue(async () => {
      const handle = this.handle
      this.handle = null
      await handle?.close().catch(() => undefined)
    })
  }

  /** Reads the file, keeping the last `cap` valid entries; then opens it for appending. */
  async load(): Promise<void> {
    if (this.file === null) return
    let handle: FileHandle
    try {
      handle = await open(this.file, 'a+')
    } catch (error) {
      this.report = { ...this.report, error: `${this.file}: ${describeFsError(error)}` }
      await this.loadReadOnly()
      return
    }
    if (!(await isRegularFile(handle))) {
      await handle.close().catch(() => undefined)
      this.report = { ...this.report, error: `${this.file}: ${NOT_A_FILE}` }
      return
    }
    try {
      const tail = await this.readLines(handle)
      if (tail.torn) {
        // Drop the torn fragment so the next line starts on a line of its own.
        await handle.truncate(tail.offset)
        this.fileLines--
      } else if (tail.unterminated) {
        await writeAll(handle, Buffer.from('\n'))
      }
      this.handle = handle
      this.writable = true
    } catch (error) {
      await handle.close().catch(() => undefined)
      this.report = { ...this.report, error: `${this.file}: ${describeFsError(error)}` }
      return
    }
    this.trim()
    this.report = { ...this.report, loaded: this.texts.size }
    if (this.fileLines > this.cap) await this.enqueue(() => this.compact())
  }

  /** A file that can be read but not written still shows its history. */
  private async loadReadOnly(): Promise<void> {
    if (this.file === null) return
    let handle: FileHandle
    try {
      handle = await open(this.file, 'r')
    } catch {
      return
    }
    try {
      if (!(await isRegularFile(handle))) return
      await this.readLines(handle)
      this.trim()
      this.report = { ...this.report, loaded: this.texts.size }
    } catch {
      this.texts.clear()
      this.order = []
      this.head = 0
    } finally {
      await handle.close().catch(() => undefined)
    }
  }

  /**
   * Streams the file in chunks (no full copy of the file in memory), parsing line by line.
   * Returns where the last complete line ends and whether an unterminated tail was torn.
   */
  private async readLines(
    handle: FileHandle
  ): Promise<{ offset: number; torn: boolean; unterminated: boolean }> {
    const buffer = Buffer.allocUnsafe(READ_CHUNK)
    let position = 0
    let lineStart = 0
    let carry: Buffer[] = []
    let carryBytes = 0
    // The current line passed MAX_LINE_BYTES: its bytes are dropped until its end.
    let overlong = false
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, position)
      if (bytesRead === 0) break
      let start = 0
      for (;;) {
        const nl = buffer.indexOf(NEWLINE, start)
        if (nl === -1 || nl >= bytesRead) break
        if (overlong) {
          this.skipLine()
          overlong = false
        } else if (carry.length > 0) {
          carry.push(buffer.subarray(start, nl))
          const text = Buffer.concat(carry).toString('utf8')
          this.ingest(text)
        } else {
          this.ingest(buffer.toString('utf8', start, nl))
        }
        carry = []
        carryBytes = 0
        start = nl + 1
        lineStart = position + start
      }
      if (start < bytesRead && !overlong) {
        carry.push(Buffer.from(buffer.subarray(start, bytesRead)))
        carryBytes += bytesRead - start
        if (carryBytes > MAX_LINE_BYTES) {
          carry = []
          carryBytes = 0
          overlong = true
        }
      }
      position += bytesRead
    }
    if (overlong) {
      this.skipLine()
      return { offset: lineStart, torn: true, unterminated: false }
    }
    if (carry.length === 0) return { offset: lineStart, torn: false, unterminated: false }
    const ok = this.ingest(Buffer.concat(carry).toString('utf8'))
    return { offset: lineStart, torn: !ok, unterminated: ok }
  }

  /** A line too long to be an entry: counted and skipped like any unreadable line. */
  private skipLine(): void {
    this.fileLines++
    this.report.skipped++
  }

  private ingest(text: string): boolean {
    if (text.trim() === '') return true
    this.fileLines++
    this.fileChars += text.length + 1
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      this.report.skipped++
      return false
    }
    const result = HistoryEntrySchema.safeParse(value)
    if (!result.success) {
      this.report.skipped++
      return false
    }
    // The line itself is kept: the history schemas have no defaults or transforms, so it is the
    // entry as validated.
    this.store((value as HistoryEntry).id, text)
    if (this.texts.size > this.cap * 2) this.trim()
    return true
  }

  /** A new id goes last; a later text for a known id is an update and keeps its place in time. */
  private store(id: string, text: string): void {
    const old = this.texts.get(id)
    if (old === undefined) {
      this.order.push(id)
      this.keptChars += text.length + 1
    } else {
      this.keptChars += text.length - old.length
    }
    this.texts.set(id, text)
  }

  private put(input: HistoryEntry): Promise<string | undefined> {
    const entry = capBodies(input)
    const text = JSON.stringify(entry)
    this.store(entry.id, text)
    this.trim()
    // The live events send the given object a moment later and reuse this text, unless it
    // describes a cut-down copy.
    const shared = entry === input ? text : undefined
    if (!this.writable || this.closed) return Promise.resolve(shared)
    return new Promise<string | undefined>((resolve) => {
      this.queue.push(text)
      this.waiters.push(shared === undefined ? () => resolve(undefined) : resolve)
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
    const lines = this.queue
    const waiters = this.waiters
    this.queue = []
    this.waiters = []
    void this.enqueue(() => this.writeBatch(lines, waiters))
  }

  private async writeBatch(lines: string[], waiters: Waiter[]): Promise<void> {
    try {
      if (this.handle) {
        // A synchronous append: a batch is a few kilobytes into the page cache, far cheaper than
        // a round trip through the thread pool, which on a busy machine waits for a core.
        const text = `${lines.join('\n')}\n`
        writeAllSync(this.handle.fd, Buffer.from(text, 'utf8'))
        this.fileLines += lines.length
        this.fileChars += text.length
      }
    } catch (error) {
      await this.fail(error)
    }
    for (let i = 0; i < waiters.length; i++) waiters[i]!(lines[i])
    if (this.handle && this.compactionDue()) await this.compact()
  }

  /** Past both bounds: the lines (relative to the cap) and the size (relative to what is kept). */
  private compactionDue(): boolean {
    return (
      this.fileLines > this.compactAt &&
      this.fileChars > this.keptChars * COMPACT_FACTOR + this.slackChars
    )
  }

  /** Rewrites the file with only the kept entries (atomically), then appends to the new file. */
  private async compact(): Promise<void> {
    if (!this.handle || this.file === null) return
    const kept = this.order.slice(this.head).map((id) => this.texts.get(id)!)
    try {
      await this.handle.close()
      this.handle = null
      await writeFileAtomic(this.file, linesOf(kept))
      this.fileLines = kept.length
      this.fileChars = this.keptChars
      this.compactAt = Math.ceil(this.cap * COMPACT_FACTOR)
    } catch {
      // Keep appending to the old file; try again after another half cap of lines.
      this.compactAt = this.fileLines + Math.ceil(this.cap / 2)
    }
    try {
      this.handle = await open(this.file, 'a')
    } catch (error) {
      await this.fail(error)
    }
  }

  private async fail(error: unknown): Promise<void> {
    this.writable = false
    this.report = { ...this.report, error: `${this.file}: ${describeFsError(error)}` }
    const handle = this.handle
    this.handle = null
    await handle?.close().catch(() => undefined)
  }

  private trim(): void {
    while (this.texts.size > this.cap) {
      const id = this.order[this.head++]!
      this.keptChars -= this.texts.get(id)!.length + 1
      this.texts.delete(id)
    }
    // The dropped ids' slots are given back once they are most of the list.
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head)
      this.head = 0
    }
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    const run = this.chain.then(op, op)
    this.chain = run.catch(() => undefined)
    return run
  }
}

const NOT_A_FILE =
  'it is not a regular file (e.g. a device or a folder), so history is not read from it'

/**
 * Only a regular file is read as the journal. Threat: a journal path that points at a device
 * (a link to /dev/zero or /dev/full) reads as an endless line and would exhaust memory.
 */
async function isRegularFile(handle: FileHandle): Promise<boolean> {
  try {
    return (await handle.stat()).isFile()
  } catch {
    return false
  }
}

function* linesOf(texts: readonly string[]): Generator<string> {
  for (const text of texts) yield `${text}\n`
}

// ---------------------------------------------------------------------------------------------
// Body cap: the receiver and dispatcher already truncate; the journal refuses to store more anyway.

const MAX_BASE64_CHARS = 4 * Math.ceil(STORED_BODY_CAP / 3)

function base64Size(b64: string): number {
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0
  return Math.floor((b64.length * 3) / 4) - padding
}

function capBase64<T extends { bodyBase64: string; bodySize: number; truncated: boolean }>(
  body: T
): T {
  if (body.bodyBase64.length <= MAX_BASE64_CHARS) return body
  const kept = Buffer.from(body.bodyBase64.slice(0, MAX_BASE64_CHARS), 'base64').subarray(
    0,
    STORED_BODY_CAP
  )
  return {
    ...body,
    bodyBase64: kept.toString('base64'),
    bodySize: Math.max(body.bodySize, base64Size(body.bodyBase64)),
    truncated: true
  }
}

/** Cuts UTF-8 text to at most `cap` bytes without splitting a character. */
function capText(text: string, cap: number): string {
  if (text.length * 3 <= cap) return text
  const bytes = Buffer.from(text, 'utf8')
  if (bytes.byteLength <= cap) return text
  let end = cap
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--
  return bytes.toString('utf8', 0, end)
}

/** Never more than STORED_BODY_CAP bytes of any body per entry; true sizes are kept. */
export function capBodies(entry: HistoryEntry): HistoryEntry {
  if (entry.type === 'capture') return capBase64(entry)
  if (entry.type === 'capacity') return entry
  const response = entry.response ? capBase64(entry.response) : null
  const body = capText(entry.request.body, STORED_BODY_CAP)
  if (response === entry.response && body === entry.request.body) return entry
  return { ...entry, response, request: { ...entry.request, body } }
}

/** Opens (or creates) the journal; never throws: an unusable file means history in memory only. */
export async function openJournal(options: JournalOptions): Promise<HistoryStore> {
  const journal = new Journal(
    options.file,
    options.cap,
    options.compactSlackBytes ?? DEFAULT_COMPACT_SLACK_BYTES
  )
  await journal.load()
  return journal
}
