import { capacityRows, type TimelineRowEntries } from '@shared/har-rows'
import { redactEntry, rowEntry } from '@shared/har'
import type { Capture, Exchange, HistoryEntry } from '@shared/schemas'
import { ValidationError } from '@shared/validation'

/**
 * Exports written piece by piece: a history of 100,000 entries or of 300 large bodies is never one
 * string nor one array of parsed entries, and the event loop is given back often so the receiver
 * keeps answering while an export runs (see docs/RELIABILITY.md, Streamed exports).
 */

/** Where the entries come from: the history's ids, oldest first, and one entry at a time. */
export interface EntrySource {
  ids(): string[]
  get(id: string): HistoryEntry | undefined
}

/** How much parsing or writing happens between two turns given back to the event loop. */
const YIELD_EVERY_CHARS = 512 * 1024
const YIELD_EVERY_ENTRIES = 200

/** Gives the event loop a turn now and then, counted by work done since the last one. */
export class Pacer {
  private chars = 0
  private count = 0

  async step(chars: number): Promise<void> {
    this.chars += chars
    this.count++
    if (this.chars < YIELD_EVERY_CHARS && this.count < YIELD_EVERY_ENTRIES) return
    this.chars = 0
    this.count = 0
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
}

function entryTime(e: HistoryEntry): string {
  return e.type === 'capture' ? e.receivedAt : e.startedAt
}

/**
 * The ids to export, oldest first: every kept one, or the chosen ones sorted by time (an unknown
 * id is an error, raised before anything is written).
 */
export async function chosenIds(
  source: EntrySource,
  ids: readonly string[] | undefined,
  pacer: Pacer
): Promise<string[]> {
  if (ids === undefined) return source.ids()
  const timed: { id: string; at: string }[] = []
  for (const id of ids) {
    const entry = source.get(id)
    if (!entry) throw new ValidationError(`No history entry has the id "${id}".`, 'ids')
    timed.push({ id, at: entryTime(entry) })
    await pacer.step(1)
  }
  return timed.sort((a, b) => a.at.localeCompare(b.at)).map((t) => t.id)
}

/** One exchange or capture of the export: an entry, or the n-th exchange kept by a capacity run. */
interface Item {
  id: string
  /** -1: the entry itself; n: exchange n of the capacity run `id`. */
  sub: number
  /** `capacity`: a capacity run that kept no exchange, exported as its report alone. */
  kind: 'exchange' | 'capture' | 'capacity'
  ownId: string
  /** An exchange's captureId, a capture's exchangeId. */
  link: string | null
}

/** Reads entries by id, keeping the last one read (a capacity run is read once for its exchanges). */
class Reader {
  private lastId: string | null = null
  private last: HistoryEntry | null = null

  constructor(
    private readonly source: EntrySource,
    private readonly redact: boolean
  ) {}

  entry(id: string): HistoryEntry | null {
    if (id !== this.lastId) {
      const found = this.source.get(id)
      this.last = found === undefined ? null : this.redact ? redactEntry(found) : found
      this.lastId = id
    }
    return this.last
  }

  item(item: Item): Exchange | Capture | null {
    const entry = this.entry(item.id)
    if (entry === null) return null
    if (entry.type === 'capacity') return entry.exchanges[item.sub] ?? null
    return entry
  }

  /** The row of exchange `sub` of a capacity run (or of a run that kept none). */
  capacityRow(item: Item): TimelineRowEntries | null {
    const entry = this.entry(item.id)
    if (entry?.type !== 'capacity') return null
    if (item.sub <= 0) return capacityRows({ ...entry, exchanges: entry.exchanges.slice(0, 1) })[0]!
    const exchange = entry.exchanges[item.sub]
    return exchange ? { exchange, capture: null, capacityRun: { id: entry.id, head: null } } : null
  }
}

/**
 * The timeline rows of these entries, one at a time, as `timelineRows` (shared/har-rows.ts) groups
 * them: a first pass keeps only ids and links, the second reads each entry again as its row comes.
 */
export async function* streamRows(
  source: EntrySource,
  ids: readonly string[],
  redact: boolean,
  pacer: Pacer
): AsyncGenerator<TimelineRowEntries> {
  const items: Item[] = []
  const captureItem = new Map<string, number>()
  const firstCaptureOf = new Map<string, number>()
  const exchangeIds = new Set<string>()
  for (const id of ids) {
    const entry = source.get(id)
    if (entry === undefined) continue
    if (entry.type === 'capacity') {
      // A capacity run's exchanges are its own rows: none is paired with a capture.
      entry.exchanges.forEach((ex, sub) => {
        items.push({ id, sub, kind: 'exchange', ownId: ex.id, link: null })
      })
      if (entry.exchanges.length === 0) {
        items.push({ id, sub: -1, kind: 'capacity', ownId: id, link: null })
      }
    } else if (entry.type === 'exchange') {
      items.push({ id, sub: -1, kind: 'exchange', ownId: entry.id, link: entry.captureId })
      exchangeIds.add(entry.id)
    } else {
      const at = items.push({
        id,
        sub: -1,
        kind: 'capture',
        ownId: entry.id,
        link: entry.exchangeId
      })
      captureItem.set(entry.id, at - 1)
      if (entry.exchangeId !== null && !firstCaptureOf.has(entry.exchangeId)) {
        firstCaptureOf.set(entry.exchangeId, at - 1)
      }
    }
    await pacer.step(entry.type === 'capture' ? entry.bodyBase64.length : 1)
  }
  const reader = new Reader(source, redact)
  const captureReader = new Reader(source, redact)
  const paired = new Set<number>()
  for (const item of items) {
    if (item.kind === 'capacity' || (item.kind === 'exchange' && item.sub >= 0)) {
      const row = reader.capacityRow(item)
      if (row !== null) yield row
    } else if (item.kind === 'exchange') {
      const exchange = reader.item(item) as Exchange | null
      if (exchange === null) continue
      const linked =
        (item.link !== null ? captureItem.get(item.link) : undefined) ??
        firstCaptureOf.get(item.ownId)
      const capture =
        linked !== undefined && !paired.has(linked)
          ? (captureReader.item(items[linked]!) as Capture | null)
          : null
      if (capture !== null) paired.add(linked!)
      yield { exchange, capture }
    } else if (!paired.has(captureItem.get(item.ownId)!)) {
      // A capture whose exchange comes later is paired there.
      if (item.link !== null && exchangeIds.has(item.link)) continue
      const capture = reader.item(item) as Capture | null
      if (capture !== null) yield { exchange: null, capture }
    }
  }
}

/** Marks where a streamed array goes in the skeleton of a document. */
const SLOT = '\u0000stream-slot\u0000'

/**
 * The text of `skeleton` as `JSON.stringify(value, null, 2)` writes it, with `items` streamed into
 * the array at `path` (its last key: `history` of a bundle, `log.entries` of HAR): byte for byte
 * what stringifying the whole document would give, without ever holding it. The slot is found
 * from the end, so a saved text that happens to read like the marker cannot move it.
 */
export async function* jsonWithStreamedArray(
  skeleton: Record<string, unknown>,
  path: readonly string[],
  items: AsyncIterable<unknown>,
  pacer: Pacer
): AsyncGenerator<string> {
  const text = JSON.stringify(skeleton, null, 2)
  const marker = JSON.stringify(SLOT)
  const at = text.lastIndexOf(marker)
  if (at < 0) throw new Error(`The export skeleton has no slot at ${path.join('.')}.`)
  const itemIndent = ' '.repeat(2 * (path.length + 1))
  const closeIndent = ' '.repeat(2 * path.length)
  yield text.slice(0, at)
  let first = true
  for await (const item of items) {
    const piece = JSON.stringify(item, null, 2).replace(/\n/g, `\n${itemIndent}`)
    yield `${first ? '[\n' : ',\n'}${itemIndent}${piece}`
    first = false
    await pacer.step(piece.length)
  }
  yield first ? '[]' : `\n${closeIndent}]`
  yield `${text.slice(at + marker.length)}\n`
}

/** The slot value to put where the streamed array goes. */
export const STREAM_SLOT = SLOT

/** The HAR entries of the chosen rows, one at a time. */
export async function* harEntries(
  rows: AsyncIterable<TimelineRowEntries>
): AsyncGenerator<unknown> {
  for await (const row of rows) yield rowEntry(row)
}

/** The chosen entries themselves, one at a time (what a support bundle's history holds). */
export async function* historyEntries(
  source: EntrySource,
  ids: readonly string[],
  redact: boolean
): AsyncGenerator<HistoryEntry> {
  for (const id of ids) {
    const entry = source.get(id)
    if (entry !== undefined) yield redact ? redactEntry(entry) : entry
  }
}
