import { describe, expect, it } from 'vitest'
import { HarSchema } from '@shared/har'
import { harToEntries } from '@shared/har-import'
import { HistoryEntrySchema, type Exchange } from '@shared/schemas'

/**
 * A HAR written by another tool (browser devtools, a proxy): no `_hookInspector` fields, so each
 * entry is read as an imported exchange. TrialKit's rule decides its outcome: only a 2xx is a
 * success; anything else with a response is a ProtocolError `http-status`, and no response at all
 * (status 0, as devtools write a request that never got one) is a `connection-reset`.
 */

const INSERT = '{"trans_id":"436","form_id":"319","form_name":"Sample Form","OnInsert":true}'

type PostData = Record<string, unknown>

function devtoolsEntry(
  status: number,
  postData: PostData | null = { mimeType: 'application/json', text: INSERT },
  content: Record<string, unknown> = { size: 0, mimeType: 'text/plain' }
): Record<string, unknown> {
  return {
    startedDateTime: '2026-03-04T10:00:00.000Z',
    time: 42.5,
    request: {
      method: 'POST',
      url: 'https://hooks.example/trialkit?study=7',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      queryString: [{ name: 'study', value: '7' }],
      ...(postData ? { postData } : {}),
      headersSize: -1,
      bodySize: -1
    },
    response: {
      status,
      statusText: status === 0 ? '' : 'Whatever',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: status === 302 ? [{ name: 'Location', value: 'https://elsewhere.example/' }] : [],
      content,
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      _transferSize: 120
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait: 40, receive: 2.5, ssl: -1 },
    _initiator: { type: 'other' },
    _priority: 'High'
  }
}

/** Reads one foreign entry the way an import does: the HAR schema, then harToEntries. */
function importOne(entry: Record<string, unknown>): Exchange {
  const har = HarSchema.parse({
    log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, entries: [entry] }
  })
  const entries = harToEntries(har)
  expect(entries).toHaveLength(1)
  const [only] = entries
  // Whatever it is, it is a valid history entry.
  expect(HistoryEntrySchema.parse(only)).toEqual(only)
  expect(only).toMatchObject({ type: 'exchange', imported: true, hookName: 'Imported' })
  return only as Exchange
}

describe('foreign HAR import: only a 2xx is a success', () => {
  it.each([200, 201, 204, 299])('%i: a success, without error', (status) => {
    const ex = importOne(devtoolsEntry(status))
    expect(ex.error).toBeNull()
    expect(ex.response?.status).toBe(status)
  })

  it.each([100, 199, 300, 301, 302, 304, 400, 401, 404, 500, 503])(
    '%i: a ProtocolError http-status, with the response kept',
    (status) => {
      const ex = importOne(devtoolsEntry(status))
      expect(ex.error).toEqual({ kind: 'http-status', message: `HTTP ${status} Whatever` })
      expect(ex.response?.status).toBe(status)
    }
  )

  it('a redirect keeps its Location among the response headers', () => {
    const ex = importOne(devtoolsEntry(302))
    expect(ex.response?.headers).toEqual([['Location', 'https://elsewhere.example/']])
  })

  it('status 0 (no response): a connection-reset, with no response', () => {
    const ex = importOne(devtoolsEntry(0))
    expect(ex.response).toBeNull()
    expect(ex.error).toEqual({
      kind: 'connection-reset',
      message: 'The imported file has no response for this request.'
    })
  })

  it('keeps the request as sent, its event, and its time', () => {
    const ex = importOne(devtoolsEntry(200))
    expect(ex).toMatchObject({
      startedAt: '2026-03-04T10:00:00.000Z',
      event: 'insert',
      request: {
        method: 'POST',
        url: 'https://hooks.example/trialkit?study=7',
        headers: [['Content-Type', 'application/json']],
        body: INSERT,
        bodySize: INSERT.length
      },
      timings: { connectMs: null, firstByteMs: null, totalMs: 42.5 }
    })
  })
})

describe('foreign HAR import: the request body', () => {
  const b64 = (bytes: string | Uint8Array): string => Buffer.from(bytes).toString('base64')

  it('plain text, UTF-8 kept as is (size in bytes)', () => {
    const text = '{"form_name":"Größe ✓","OnUpdate":true}'
    const ex = importOne(devtoolsEntry(200, { mimeType: 'application/json', text }))
    expect(ex.request.body).toBe(text)
    expect(ex.request.bodySize).toBe(Buffer.byteLength(text))
    expect(ex.event).toBe('update')
  })

  it.each(['encoding', '_encoding'])('base64 text marked with `%s` is decoded', (field) => {
    const ex = importOne(
      devtoolsEntry(200, { mimeType: 'application/json', text: b64(INSERT), [field]: 'base64' })
    )
    expect(ex.request.body).toBe(INSERT)
    expect(ex.request.bodySize).toBe(INSERT.length)
    expect(ex.event).toBe('insert')
  })

  it('base64 text without a marker stays text', () => {
    const ex = importOne(devtoolsEntry(200, { mimeType: 'text/plain', text: b64(INSERT) }))
    expect(ex.request.body).toBe(b64(INSERT))
  })

  it('a marked body that is not valid base64 is taken as text', () => {
    const ex = importOne(
      devtoolsEntry(200, { mimeType: 'text/plain', text: 'not base64!', _encoding: 'base64' })
    )
    expect(ex.request.body).toBe('not base64!')
  })

  it('a binary body: decoded, shown with replacement characters, its true size kept', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x41])
    const ex = importOne(
      devtoolsEntry(200, {
        mimeType: 'application/octet-stream',
        text: b64(bytes),
        _encoding: 'base64'
      })
    )
    expect(ex.request.body).toBe('\uFFFD\uFFFD\u0000A')
    expect(ex.request.bodySize).toBe(4)
    // Not JSON: the event cannot be told, and defaults to insert.
    expect(ex.event).toBe('insert')
  })

  it('no postData (a GET, or a tool that left it out): an empty body', () => {
    const ex = importOne(devtoolsEntry(200, null))
    expect(ex.request.body).toBe('')
    expect(ex.request.bodySize).toBe(0)
  })

  it('postData with params and text (as devtools write a form): the text is the body', () => {
    const ex = importOne(
      devtoolsEntry(200, {
        mimeType: 'application/x-www-form-urlencoded',
        text: 'a=1&b=two',
        params: [
          { name: 'a', value: '1' },
          { name: 'b', value: 'two' }
        ]
      })
    )
    expect(ex.request.body).toBe('a=1&b=two')
  })

  it('the response body: text, or base64 with `encoding`, kept as bytes', () => {
    const text = importOne(
      devtoolsEntry(200, undefined, { size: 11, mimeType: 'application/json', text: '{"ok":true}' })
    )
    expect(Buffer.from(text.response!.bodyBase64, 'base64').toString()).toBe('{"ok":true}')
    expect(text.response!.bodySize).toBe(11)
    const binary = importOne(
      devtoolsEntry(500, undefined, {
        size: 3,
        mimeType: 'application/octet-stream',
        text: b64(new Uint8Array([0, 0xff, 7])),
        encoding: 'base64'
      })
    )
    expect([...Buffer.from(binary.response!.bodyBase64, 'base64')]).toEqual([0, 0xff, 7])
    expect(binary.response!.bodySize).toBe(3)
  })
})
