import type { HistoryEntry } from '@shared/schemas'
import { lineBytes } from './byte-budget'

/**
 * The kept entries in memory, oldest first, each as its JSON text: a string is one flat block for
 * the garbage collector where an entry object is dozens of small ones to trace and move, the text
 * is what the file and the event stream need anyway, and compaction can write it again without
 * serializing. Readers get a freshly parsed entry.
 */
export class EntryIndex {
  /** id → the entry's latest JSON text. */
  private readonly texts = new Map<string, string>()
  /** Ids from `head` on, oldest first; an update keeps the entry's first place. */
  private order: string[] = []
  private head = 0
  /** Size of the kept entries' lines in the file, in bytes. */
  private bytes = 0

  get size(): number {
    return this.texts.size
  }

  get keptBytes(): number {
    return this.bytes
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

  /**
   * Like `page`, but stopping before the page's text would pass `maxChars` (always at least one
   * entry), and saying whether older entries follow.
   */
  pageWithin(
    offset: number,
    limit: number,
    maxChars: number
  ): { entries: HistoryEntry[]; more: boolean } {
    const entries: HistoryEntry[] = []
    let chars = 0
    let i = this.order.length - 1 - offset
    const first = Math.max(this.head, this.order.length - offset - limit)
    for (; i >= first; i--) {
      const text = this.texts.get(this.order[i]!)!
      if (entries.length > 0 && chars + text.length > maxChars) break
      chars += text.length + 1
      entries.push(JSON.parse(text) as HistoryEntry)
    }
    return { entries, more: i >= this.head }
  }

  /** The kept ids, oldest first: a snapshot to walk while entries keep coming. */
  ids(): string[] {
    return this.order.slice(this.head)
  }

  has(id: string): boolean {
    return this.texts.has(id)
  }

  text(id: string): string | undefined {
    return this.texts.get(id)
  }

  get(id: string): HistoryEntry | undefined {
    const text = this.texts.get(id)
    return text === undefined ? undefined : (JSON.parse(text) as HistoryEntry)
  }

  /** The kept texts, oldest first (what a compaction writes). */
  keptTexts(): string[] {
    return this.order.slice(this.head).map((id) => this.texts.get(id)!)
  }

  /** A new id goes last; a later text for a known id is an update and keeps its place in time. */
  store(id: string, text: string): void {
    const old = this.texts.get(id)
    if (old === undefined) this.order.push(id)
    else this.bytes -= lineBytes(old)
    this.bytes += lineBytes(text)
    this.texts.set(id, text)
  }

  clear(): void {
    this.texts.clear()
    this.order = []
    this.head = 0
    this.bytes = 0
  }

  /** Drops the oldest entries beyond `cap` entries or `maxBytes` (the newest always stays). */
  trim(cap: number, maxBytes = Infinity): void {
    while (this.texts.size > cap || (this.bytes > maxBytes && this.texts.size > 1)) {
      const id = this.order[this.head++]!
      this.bytes -= lineBytes(this.texts.get(id)!)
      this.texts.delete(id)
    }
    // The dropped ids' slots are given back once they are most of the list.
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head)
      this.head = 0
    }
  }
}
