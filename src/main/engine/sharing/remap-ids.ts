import { newId } from '../../../shared/ids'
import type { HistoryEntry } from '../../../shared/schemas'

const ID_PREFIX: Record<HistoryEntry['type'], string> = {
  exchange: 'exc',
  capture: 'cap',
  capacity: 'cpc'
}

/**
 * Imported entries keep their ids unless one is already in the history; then it gets a new one,
 * and the links between imported entries (exchange ↔ capture, replays, forwarding legs) follow.
 */
export function remapIds(
  entries: readonly HistoryEntry[],
  taken: (id: string) => boolean
): HistoryEntry[] {
  const renamed = new Map<string, string>()
  const seen = new Set<string>()
  for (const e of entries) {
    if (taken(e.id) || seen.has(e.id)) {
      renamed.set(e.id, newId(ID_PREFIX[e.type]))
    }
    seen.add(e.id)
  }
  if (renamed.size === 0) return [...entries]
  const to = (id: string | null | undefined): string | null | undefined =>
    id === null || id === undefined ? id : (renamed.get(id) ?? id)
  return entries.map((e) => {
    if (e.type === 'exchange') {
      return {
        ...e,
        id: renamed.get(e.id) ?? e.id,
        captureId: to(e.captureId) ?? null,
        replayOf: to(e.replayOf) ?? null,
        ...(e.forwardOf === undefined ? {} : { forwardOf: to(e.forwardOf) })
      }
    }
    if (e.type === 'capacity') return { ...e, id: renamed.get(e.id) ?? e.id }
    return {
      ...e,
      id: renamed.get(e.id) ?? e.id,
      exchangeId: to(e.exchangeId) ?? null,
      ...(e.forward
        ? { forward: { ...e.forward, exchangeId: to(e.forward.exchangeId) ?? null } }
        : {})
    }
  })
}
