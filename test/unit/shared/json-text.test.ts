import { describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../../src/shared/api'
import { eventJson, jsonText, rememberJson } from '../../../src/main/engine/json-text'

describe('JSON text reuse between the journal and the event stream', () => {
  it('gives exactly what JSON.stringify gives, for entries, null data and odd strings', () => {
    const capture = { type: 'capture', id: 'cap_1', body: 'é "quoted" \u2028 \\ \n', n: 1.5 }
    const batch = [
      { type: 'capture', data: capture },
      { type: 'history-cleared', data: null },
      { type: 'receiver-status', data: { running: true, url: 'http://127.0.0.1:1/' } }
    ] as unknown as EngineEvent[]
    // The event stream joins these into one array per batch.
    const text = `[${batch.map(eventJson).join(',')}]`
    expect(text).toBe(JSON.stringify(batch))
    expect(JSON.parse(text)).toEqual(batch)
  })

  it('reuses the text remembered for the same object, and makes it afresh for another', () => {
    const entry = { id: 'x', value: 1 }
    expect(jsonText(entry)).toBe('{"id":"x","value":1}')
    // A remembered text is taken as it is, which is how the test can tell it was reused.
    rememberJson(entry, '{"id":"x","value":1,"reused":true}')
    expect(jsonText(entry)).toBe('{"id":"x","value":1,"reused":true}')
    expect(eventJson({ type: 'capture', data: entry } as unknown as EngineEvent)).toBe(
      '{"type":"capture","data":{"id":"x","value":1,"reused":true}}'
    )
    const changed = { ...entry, value: 2 }
    expect(jsonText(changed)).toBe('{"id":"x","value":2}')
  })
})
