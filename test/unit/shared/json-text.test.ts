import { describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../../src/shared/api'
import { eventsJson, jsonText } from '../../../src/main/engine/json-text'

describe('JSON text reuse between the journal and the event stream', () => {
  it('gives exactly what JSON.stringify gives, for entries, null data and odd strings', () => {
    const capture = { type: 'capture', id: 'cap_1', body: 'é "quoted" \u2028 \\ \n', n: 1.5 }
    const batch = [
      { type: 'capture', data: capture },
      { type: 'history-cleared', data: null },
      { type: 'receiver-status', data: { running: true, url: 'http://127.0.0.1:1/' } }
    ] as unknown as EngineEvent[]
    expect(eventsJson(batch)).toBe(JSON.stringify(batch))
    expect(JSON.parse(eventsJson(batch))).toEqual(batch)
  })

  it('reuses the text made for the same object, and forgets it for a new one', () => {
    const entry = { id: 'x', value: 1 }
    const first = jsonText(entry)
    expect(jsonText(entry)).toBe(first)
    const changed = { ...entry, value: 2 }
    expect(jsonText(changed)).toBe('{"id":"x","value":2}')
  })
})
