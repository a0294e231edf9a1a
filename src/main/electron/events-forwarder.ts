import type { BrowserWindow } from 'electron'
import {
  ENGINE_EVENT_NAMES,
  IPC_EVENTS_CHANNEL,
  type EngineEvent,
  type EngineEventName,
  type EngineEvents,
  type Unsubscribe
} from '../../shared/api'
import { EventBatcher } from '../../shared/event-batcher'

/** Where live events come from (the engine). */
export interface EventSource {
  on<K extends EngineEventName>(event: K, listener: (data: EngineEvents[K]) => void): Unsubscribe
}

export interface EventsForwarder {
  /** Sends what is queued now. */
  flush(): void
  /** Unsubscribes from the engine and drops what is queued. */
  stop(): void
}

/**
 * The one place engine events go to the window: batched (at most one IPC message per interval,
 * 50 ms by default) on IPC_EVENTS_CHANNEL, so a flood of captures never stalls the window. A
 * window that is closed or being torn down is skipped.
 */
export function forwardEngineEvents(
  engine: EventSource,
  getWindow: () => BrowserWindow | null,
  intervalMs = 50
): EventsForwarder {
  const batcher = new EventBatcher((batch: EngineEvent[]) => {
    const window = getWindow()
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return
    try {
      window.webContents.send(IPC_EVENTS_CHANNEL, batch)
    } catch {
      // The page went away between the check and the send; it reloads everything when it returns.
    }
  }, intervalMs)
  const unsubscribers = ENGINE_EVENT_NAMES.map((name) =>
    engine.on(name, (data: unknown) => batcher.push({ type: name, data } as EngineEvent))
  )
  return {
    flush: () => batcher.drain(),
    stop: () => {
      for (const unsubscribe of unsubscribers) unsubscribe()
      batcher.dispose()
    }
  }
}
