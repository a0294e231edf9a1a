import { useEffect } from 'react'
import { ENGINE_EVENT_NAMES, type EngineEvent } from '../../../shared/api'
import { EventBatcher } from '../../../shared/event-batcher'
import { useAppStore, useBridge } from '../store/store-context'

/** How often queued live events reach the store (~30 updates a second at most). */
export const EVENT_FLUSH_MS = 33

/**
 * The only subscription to live engine events. Events are queued and handed to the store in one
 * update per batch, so a flood of captures does not re-render the window per request.
 */
export function useEngineEvents(): void {
  const bridge = useBridge()
  const store = useAppStore()
  useEffect(() => {
    const batcher = new EventBatcher((batch) => store.getState().applyEvents(batch), EVENT_FLUSH_MS)
    const offs = ENGINE_EVENT_NAMES.map((type) =>
      bridge.on(type, (data) => batcher.push({ type, data } as EngineEvent))
    )
    return () => {
      for (const off of offs) off()
      batcher.drain()
      batcher.dispose()
    }
  }, [bridge, store])
}
