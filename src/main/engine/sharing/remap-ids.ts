import { newId } from '@shared/ids'
import type { HistoryEntry } from '@shared/schemas'

const ID_PREFIX: Record<HistoryEntry['type'], string> = {
  exchange: 'exc',
  capture: 'cap',
  capacity: 'cpc'
}

/**
 * Imported entries keep their ids unless one is already in the history; then it gets a new one,
 * and the links between imported entries (exchange ↔ capture, replays, forwarding legs) follow.
 * Two entries of one file sharing an id are both kept: the second gets a new id of its own (links
 * to that id keep pointing at the first).
 */
export function remapIds(
  entries: readonly HistoryEntry[],
  taken: (id: string) => boolean
): HistoryEntry[] {
  /** The id each entry gets, by position: a repeated id is renamed per occurrence. */
  const ids: string[] = []
  /** What a link to an old id now points at: its first occurrence's id. */
  const renamed = new Map<string, string>()
  const seen = new Set<string>()
  for (const e of entries) {
    const first = !seen.has(e.id)
    const id = taken(e.id) || !first ? newId(ID_PREFIX[e.type]) : e.id
    if (first && id !== e.id) renamed.set(e.id, id)
    seen.add(e.id)
    ids.push(id)
  }
  if (ids.every((id, i) => id === entries[i]!.id)) return [...entries]
  const to = (id: string | null | undefined): string | null | undefined =>
    id === null || id === undefined ? id : (renamed.get(id) ?? id)
  return entries.map((e, i) => {
    const id = ids[i]!
    if (e.type === 'exchange') {
      return {
        ...e,
        id,
        captureId: to(e.captureId) ?? null,
        replayOf: to(e.replayOf) ?? null,
        ...(e.forwardOf === undefined ? {} : { forwardOf: to(e.forwardOf) })
      }
    }
    if (e.type === 'capacity') return { ...e, id }
    return {
      ...e,
      id,
      exchangeId: to(e.exchangeId) ?? null,
      ...(e.forward
        ? { forward: { ...e.forward, exchangeId: to(e.forward.exchangeId) ?? null } }
        : {})
    }
  })
}
