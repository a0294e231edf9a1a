import type { EngineEvent, Unsubscribe } from '@shared/api'

// The live-events slice.

export interface EventsSlice {
  /** Subscribes the store to the bridge's live events; returns the unsubscribe. */
  connectEvents(): Unsubscribe
  /** Applies a batch of live events in one state update. */
  applyEvents(batch: readonly EngineEvent[]): void
}
