import {
  ENGINE_EVENT_NAMES,
  type EngineEvent,
  type EngineEventName,
  type EngineEvents,
  type Unsubscribe
} from '@shared/api'

/**
 * A live-event listener. `json` is the data's JSON text when the engine already has it (a history
 * entry, exactly as journaled), so a transport that sends text need not serialize it again.
 */
export type EngineListener<K extends EngineEventName> = (
  data: EngineEvents[K],
  json?: string
) => void

/** Where live events come from: the engine, or anything with the same `on`. */
export interface EngineEventSource {
  on<K extends EngineEventName>(event: K, listener: EngineListener<K>): Unsubscribe
}

/** Subscribes to every live event at once; one call ends all the subscriptions. */
export function onEveryEvent(
  source: EngineEventSource,
  listener: (event: EngineEvent, json: string | undefined) => void
): Unsubscribe {
  const unsubscribers = ENGINE_EVENT_NAMES.map((name: EngineEventName) =>
    source.on(name, (data: unknown, json?: string) =>
      listener({ type: name, data } as EngineEvent, json)
    )
  )
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}

/**
 * One live event as JSON, the same text JSON.stringify would make of it. `dataJson` is the data's
 * text when it is already known (see EngineListener).
 */
export function eventJson(event: EngineEvent, dataJson?: string): string {
  return `{"type":${JSON.stringify(event.type)},"data":${dataJson ?? JSON.stringify(event.data)}}`
}
