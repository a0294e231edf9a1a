import { MAX_HISTORY_PAGE_CHARS, type HistoryPage } from '@shared/history-page'
import type { HistoryEntry } from '@shared/schemas'
import type { EngineEmitter } from '../events/typed-emitter'
import type { HistoryStore } from '../ports'
import { historyInMemoryMessage, watchHistoryWrites } from '../journal/write-notice'
import type { NoticeBoard } from './notices'

/**
 * The history: the journal behind it, and the notices about it: a data dir unusable from the
 * start (memory only, announced once), and writes that fail while running (a notice for as long
 * as they fail, taken away when a write succeeds again).
 */
export class HistoryService {
  constructor(
    private readonly journal: HistoryStore,
    private readonly notices: NoticeBoard,
    private readonly events: EngineEmitter
  ) {}

  get persisted(): boolean {
    return this.journal.persisted
  }

  /** The notices of opening the journal: a file that cannot be used, lines skipped. */
  addStartupNotices(): void {
    const report = this.journal.loadReport
    if (report.error) this.notices.raise('warning', historyInMemoryMessage(report.error))
    watchHistoryWrites(this.journal, {
      raise: (level, message) => this.notices.raise(level, message)?.id ?? null,
      clear: (id) => {
        if (this.notices.dismiss(id)) this.events.emit('notice-cleared', { id })
      }
    })
    if (report.skipped > 0) {
      this.notices.raise('info', `${report.skipped} unreadable history line(s) were skipped.`)
    }
  }

  /** Journals an entry; resolves with its JSON text (see HistoryStore.append). */
  append(entry: HistoryEntry): Promise<string | undefined> {
    return this.journal.append(entry)
  }

  /**
   * Journals a capture before it is answered; rejects with a HistoryWriteError when the file
   * cannot take it (the receiver then answers 503).
   */
  record(entry: HistoryEntry): Promise<string | undefined> {
    return this.journal.record(entry)
  }

  /** Keeps an entry that could not be written in memory, marked not saved. */
  holdUnsaved(entry: HistoryEntry): void {
    this.journal.holdUnsaved(entry)
  }

  /** Journals several entries as one group; resolves once all are written. */
  async appendAll(entries: readonly HistoryEntry[]): Promise<void> {
    await Promise.all(entries.map((e) => this.journal.append(e)))
  }

  replace(entry: HistoryEntry): Promise<string | undefined> {
    return this.journal.replace(entry)
  }

  get(id: string): HistoryEntry | undefined {
    return this.journal.get(id)
  }

  has(id: string): boolean {
    return this.journal.has(id)
  }

  entries(): HistoryEntry[] {
    return this.journal.entries()
  }

  page(offset: number, limit: number): HistoryEntry[] {
    return this.journal.page(offset, limit)
  }

  /** A page no longer than MAX_HISTORY_PAGE_CHARS of JSON, and whether older entries follow. */
  boundedPage(offset: number, limit: number): HistoryPage {
    return this.journal.pageWithin(offset, limit, MAX_HISTORY_PAGE_CHARS)
  }

  /** The kept ids, oldest first, as they are now. */
  ids(): string[] {
    return this.journal.ids()
  }

  async clear(): Promise<void> {
    await this.journal.clear()
    this.events.emit('history-cleared', null)
  }

  setCap(cap: number): Promise<void> {
    return this.journal.setCap(cap)
  }

  setMaxBytes(maxBytes: number): Promise<void> {
    return this.journal.setMaxBytes(maxBytes)
  }

  close(): Promise<void> {
    return this.journal.close()
  }
}
