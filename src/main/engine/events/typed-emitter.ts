import type { EngineEventName, EngineEvents, Unsubscribe } from '@shared/api'
import type { EngineListener as Listener } from './event-feed'
import { errorMessage } from '@shared/error-message'

/**
 * The engine's live events, typed by name. A listener that throws must not break the engine (a
 * capture is answered after its event), so the error becomes a process warning instead.
 */
export class EngineEmitter {
  private readonly listeners = new Map<EngineEventName, Set<Listener<EngineEventName>>>()

  on<K extends EngineEventName>(event: K, listener: Listener<K>): Unsubscribe {
    let set = this.listeners.get(event)
    if (!set) {
      set = new Set()
      this.listeners.set(event, set)
    }
    const entry = listener as Listener<EngineEventName>
    set.add(entry)
    return () => {
      set.delete(entry)
    }
  }

  /** `json`, when given, is JSON.stringify(data) as the journal already made it. */
  emit<K extends EngineEventName>(event: K, data: EngineEvents[K], json?: string): void {
    const set = this.listeners.get(event)
    if (!set) return
    for (const listener of [...set]) {
      try {
        listener(data, json)
      } catch (error) {
        process.emitWarning(
          `A listener of the engine's "${event}" event failed: ${errorMessage(error)}`
        )
      }
    }
  }

  clear(): void {
    this.listeners.clear()
  }
}
