import { describe, expect, it } from 'vitest'
import { ENGINE_EVENT_NAMES, type EngineEvent, type EngineEventName } from '@shared/api'
import { EngineEmitter } from '@main/engine/events/typed-emitter'
import { eventJson, onEveryEvent } from '@main/engine/events/event-feed'

describe('live events as JSON text', () => {
  it('gives exactly what JSON.stringify gives, for entries, null data and odd strings', () => {
    const capture = { type: 'capture', id: 'cap_1', body: 'é "quoted" \u2028 \\ \n', n: 1.5 }
    const batch = [
      { type: 'capture', data: capture },
      { type: 'history-cleared', data: null },
      { type: 'receiver-status', data: { running: true, url: 'http://127.0.0.1:1/' } }
    ] as unknown as EngineEvent[]
    // The event stream joins these into one array per batch.
    const text = `[${batch.map((event) => eventJson(event)).join(',')}]`
    expect(text).toBe(JSON.stringify(batch))
    expect(JSON.parse(text)).toEqual(batch)
  })

  it('uses the text it is given for the data instead of serializing again', () => {
    const event = { type: 'capture', data: { id: 'x', value: 1 } } as unknown as EngineEvent
    // A text that differs from the data is how the test can tell it was taken as given.
    expect(eventJson(event, '{"id":"x","value":1,"given":true}')).toBe(
      '{"type":"capture","data":{"id":"x","value":1,"given":true}}'
    )
  })
})

describe('onEveryEvent', () => {
  it('hears every event name with its data and text, and one call unsubscribes from all', () => {
    const emitter = new EngineEmitter()
    const heard: [EngineEventName, unknown, string | undefined][] = []
    const unsubscribe = onEveryEvent(emitter, (event, json) =>
      heard.push([event.type, event.data, json])
    )
    for (const name of ENGINE_EVENT_NAMES) emitter.emit(name, { name } as never, `"${name}"`)
    expect(heard).toEqual(ENGINE_EVENT_NAMES.map((name) => [name, { name }, `"${name}"`]))

    emitter.emit('history-cleared', null)
    expect(heard.at(-1)).toEqual(['history-cleared', null, undefined])

    unsubscribe()
    for (const name of ENGINE_EVENT_NAMES) emitter.emit(name, { name } as never)
    expect(heard).toHaveLength(ENGINE_EVENT_NAMES.length + 1)
  })
})
