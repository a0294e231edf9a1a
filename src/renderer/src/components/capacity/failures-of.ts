import { byKindKey, capacityLevelOf } from '@shared/capacity'
import type { CapacityRun, Exchange } from '@shared/schemas'

/**
 * The exchanges a run kept that failed at `concurrency` and count under `key` in that level's
 * `byKind` (a ProtocolError kind, or `http-NNN`), in the order they started. A run keeps a capped
 * sample, failures first, so these may be fewer than the count in its table.
 */
export function failuresOf(run: CapacityRun, concurrency: number, key: string): Exchange[] {
  return run.exchanges.filter(
    (ex) =>
      ex.error !== null &&
      capacityLevelOf(ex.hookName) === concurrency &&
      byKindKey(ex.error.kind, ex.response?.status ?? null) === key
  )
}
