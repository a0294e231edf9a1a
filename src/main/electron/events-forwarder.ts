import type { BrowserWindow } from 'electron'
import { IPC_EVENTS_CHANNEL, type EngineEvent } from '@shared/api'
import { EventBatcher } from '@shared/event-batcher'
import { onEveryEvent, type EngineEventSource } from '../engine'

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
  engine: EngineEventSource,
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
  const unsubscribe = onEveryEvent(engine, (event) => batcher.push(event))
  return {
    flush: () => batcher.drain(),
    stop: () => {
      unsubscribe()
      batcher.dispose()
    }
  }
}
