import type { HistoryEntry } from '../../../shared/schemas'
import type { EngineEmitter } from '../events/typed-emitter'
import type { HistoryStore } from '../ports'
import type { NoticeBoard } from './notices'

/**
 * The history: the journal behind it, and the notice when it can no longer be written (history
 * then lives in memory only, and the user is told once).
 */
export class HistoryService {
  private failureNoticed = false

  constructor(
    private readonly journal: HistoryStore,
    /** Whether there is a file to write at all (false: memory only by choice, no notice). */
    private readonly onDisk: boolean,
    private readonly notices: NoticeBoard,
    private readonly events: EngineEmitter
  ) {}

  get persisted(): boolean {
    return this.journal.persisted
  }

  /** The notices of opening the journal: a file that cannot be used, lines skipped. */
  addStartupNotices(): void {
    const report = this.journal.loadReport
    if (report.error) {
      this.failureNoticed = true
      this.notices.raise('warning', `History is kept in memory only: ${report.error}`)
    }
    if (report.skipped > 0) {
      this.notices.raise('info', `${report.skipped} unreadable history line(s) were skipped.`)
    }
  }

  /** Journals an entry; resolves with its JSON text (see HistoryStore.append). */
  async append(entry: HistoryEntry): Promise<string | undefined> {
    const json = await this.journal.append(entry)
    this.checkWritten()
    return json
  }

  /** Journals several entries as one group; resolves once all are written. */
  async appendAll(entries: readonly HistoryEntry[]): Promise<void> {
    await Promise.all(entries.map((e) => this.journal.append(e)))
    this.checkWritten()
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

  async clear(): Promise<void> {
    await this.journal.clear()
    this.events.emit('history-cleared', null)
  }

  setCap(cap: number): Promise<void> {
    return this.journal.setCap(cap)
  }

  close(): Promise<void> {
    return this.journal.close()
  }

  private checkWritten(): void {
    if (this.journal.persisted || this.failureNoticed || !this.onDisk) return
    this.failureNoticed = true
    const reason = this.journal.loadReport.error ?? 'the history file could not be written'
    this.notices.raise('warning', `History is kept in memory only: ${reason}`)
  }
}
