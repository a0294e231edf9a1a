import Ajv from 'ajv'
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json'
import addFormats from 'ajv-formats'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { entriesToHar, HarSchema } from '@shared/har'
import { harToEntries } from '@shared/har-import'
import type { Capture, Exchange } from '@shared/schemas'

const b64 = (text: string): string => Buffer.from(text).toString('base64')

const exchange: Exchange = {
  type: 'exchange',
  id: 'exc_1',
  state: 'done',
  startedAt: '2026-01-02T10:00:00.000Z',
  hookId: null,
  hookName: 'Site',
  event: 'insert',
  request: {
    method: 'POST',
    url: 'http://127.0.0.1:4700/hook',
    headers: [['Content-Type', 'application/json; charset=utf-8']],
    body: '{"OnInsert":true}',
    bodySize: 17
  },
  response: {
    status: 200,
    statusText: 'OK',
    headers: [['Content-Type', 'application/json']],
    bodyBase64: b64('{"ok":true}'),
    bodySize: 11,
    truncated: false
  },
  error: null,
  timings: { connectMs: 1, firstByteMs: 20, totalMs: 25 },
  timeoutMs: 30_000,
  captureId: 'cap_1',
  replayOf: null
}

const capture = (patch: Partial<Capture> = {}): Capture => ({
  type: 'capture',
  id: 'cap_1',
  receivedAt: '2026-01-02T10:00:00.005Z',
  method: 'POST',
  path: '/hook',
  query: {},
  httpVersion: '1.1',
  headers: [
    ['Host', '127.0.0.1:4700'],
    ['Content-Type', 'application/octet-stream']
  ],
  bodyBase64: b64('{"OnInsert":true}'),
  bodySize: 17,
  truncated: false,
  json: { OnInsert: true },
  jsonError: null,
  auth: null,
  event: 'insert',
  response: { status: 202, delayMs: 150, fault: 'none' },
  answer: {
    headers: [
      ['Content-Type', 'application/json; charset=utf-8'],
      ['X-Receiver', 'yes']
    ],
    bodyBase64: b64('{"received":true}'),
    bodySize: 17
  },
  remoteAddress: '127.0.0.1',
  remotePort: 50000,
  exchangeId: 'exc_1',
  ...patch
})

// har-schema ships no type declarations; it is plain JSON schemas.
const harSchemas = createRequire(import.meta.url)('har-schema') as Record<string, { $id: string }>

/** The HAR 1.2 JSON schema, as published in har-schema, compiled with ajv. */
function harValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true })
  ajv.addMetaSchema(draft6)
  addFormats(ajv)
  const schemas = harSchemas
  for (const [name, schema] of Object.entries(schemas)) {
    if (name !== 'har') ajv.addSchema(schema)
  }
  return ajv.compile(schemas.har!)
}

describe('HAR export', () => {
  const validate = harValidator()

  it('is valid HAR 1.2 with one entry per timeline row', () => {
    const lone = capture({ id: 'cap_2', exchangeId: null, bodyBase64: b64('\u00ff'), bodySize: 2 })
    const binary = capture({
      id: 'cap_3',
      exchangeId: null,
      bodyBase64: Buffer.from([0xff, 0xfe, 0x00]).toString('base64'),
      bodySize: 3
    })
    const har = entriesToHar([exchange, capture(), lone, binary], {
      includeSecrets: false,
      appVersion: '1.0.0'
    })
    const ok = validate(har)
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
    // The linked exchange and capture are one entry; the receiver's side is kept with it.
    expect(har.log.entries).toHaveLength(3)
    expect(har.log.entries[0]!._hookInspector).toMatchObject({
      exchange: { id: 'exc_1' },
      capture: { id: 'cap_1' }
    })
    // A capture alone carries the receiver's answer and its time.
    const loneEntry = har.log.entries[1]!
    expect(loneEntry.response).toMatchObject({
      status: 202,
      headers: [
        { name: 'Content-Type', value: 'application/json; charset=utf-8' },
        { name: 'X-Receiver', value: 'yes' }
      ],
      content: { size: 17, text: '{"received":true}', mimeType: 'application/json; charset=utf-8' }
    })
    expect(loneEntry.time).toBe(150)
    // A request body that is not UTF-8 is base64 with the custom `_encoding` marker.
    const post = har.log.entries[2]!.request.postData!
    expect(post).toMatchObject({ _encoding: 'base64', text: '//4A' })
    expect(post).not.toHaveProperty('encoding')
  })

  it('reads back both shapes: a row entry, and the one-entry-per-item files of before', () => {
    const har = HarSchema.parse(
      entriesToHar([exchange, capture()], { includeSecrets: true, appVersion: '1' })
    )
    expect(harToEntries(har).map((e) => e.id)).toEqual(['exc_1', 'cap_1'])
    const old = HarSchema.parse({
      log: {
        ...har.log,
        entries: [
          { ...har.log.entries[0]!, _hookInspector: exchange },
          { ...har.log.entries[0]!, _hookInspector: capture() }
        ]
      }
    })
    const entries = harToEntries(old)
    expect(entries.map((e) => [e.id, e.imported])).toEqual([
      ['exc_1', true],
      ['cap_1', true]
    ])
  })

  it('keeps an unfinished capture as it was: valid HAR, its outcome in words, read back whole', () => {
    const held = capture({
      id: 'cap_held',
      exchangeId: null,
      response: { status: 0, delayMs: 0, fault: 'hang' },
      answer: undefined,
      unfinished: { how: 'left-before-answer', afterMs: 2000 }
    })
    const written = entriesToHar([held], { includeSecrets: false, appVersion: '1' })
    const validate = harValidator()
    expect(validate(written), JSON.stringify(validate.errors)).toBe(true)
    const har = HarSchema.parse(written)
    expect(har.log.entries[0]!.response).toMatchObject({
      status: 0,
      statusText: 'No answer: held until the caller left after 2.0 s'
    })
    expect(harToEntries(har)[0]).toMatchObject({
      id: 'cap_held',
      unfinished: { how: 'left-before-answer', afterMs: 2000 }
    })
  })
})
