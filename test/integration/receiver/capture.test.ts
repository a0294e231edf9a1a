import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { RawClient } from '../../helpers/raw-client'
import { bodyOf, fixture, send, useHarness } from '../../helpers/receiver-harness'

const { h, agent } = useHarness()

/** Sends one raw request and returns its capture (after the response arrived). */
async function rawCapture(spec: Parameters<RawClient['send']>[0]) {
  const before = h.captures.length
  const client = await RawClient.open(h.receiver.port)
  client.send(spec)
  const response = await client.response()
  const localPort = client.localPort
  client.destroy()
  expect(h.captures).toHaveLength(before + 1)
  return { capture: h.captures[before]!, response, localPort }
}

describe('receiver: any method, any path', () => {
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']
  for (const method of methods) {
    it(`captures and answers ${method} on a nested path`, async () => {
      const res = await send(agent, h.url(`/hooks/${method.toLowerCase()}/a%20b`), { method })
      expect(res.status).toBe(200)
      expect(res.body.toString()).toBe(method === 'HEAD' ? '' : '{"ok":true}')
      expect(h.captures).toHaveLength(1)
      expect(h.captures[0]).toMatchObject({
        method,
        path: `/hooks/${method.toLowerCase()}/a%20b`,
        bodySize: 0,
        bodyBase64: '',
        response: { status: 200, delayMs: 0, fault: 'none' }
      })
    })
  }

  it('captures the root path and a method Fastify does not route (PROPFIND)', async () => {
    expect((await send(agent, h.url('/'), { method: 'POST', body: 'x' })).status).toBe(200)
    const { capture, response } = await rawCapture({ method: 'PROPFIND', path: '/dav/x' })
    expect(response.status).toBe(200)
    expect(h.captures.map((c) => [c.method, c.path])).toEqual([
      ['POST', '/'],
      ['PROPFIND', '/dav/x']
    ])
    expect(capture.response.status).toBe(200)
  })

  it('captures paths the router cannot decode and very long paths', async () => {
    const long = `/${'a'.repeat(3000)}`
    await rawCapture({ method: 'POST', path: '/bad/%zz', body: 'b' })
    expect(h.captures[0]).toMatchObject({ path: '/bad/%zz', bodySize: 1 })
    h.captures.length = 0
    await rawCapture({ path: long })
    expect(h.captures[0]?.path).toBe(long)
  })

  it('splits the query: decoded values, repeated keys as arrays, path without query', async () => {
    await send(agent, h.url('/q/hook?a=1&b=x%20y&a=2&a=3&c=&plus=a+b&__proto__=p'), {
      method: 'POST',
      body: '{}'
    })
    const capture = h.captures[0]!
    expect(capture.path).toBe('/q/hook')
    expect(capture.query).toEqual({
      a: ['1', '2', '3'],
      b: 'x y',
      c: '',
      plus: 'a b',
      ['__proto__']: 'p'
    })
    expect(Object.keys(capture.query)).toContain('__proto__')
  })

  it('records time, HTTP version, remote address and the client port', async () => {
    const before = Date.now()
    const { capture, localPort } = await rawCapture({ method: 'POST', path: '/t', body: '{}' })
    expect(capture.id).toMatch(/^cap_/)
    expect(Date.parse(capture.receivedAt)).toBeGreaterThanOrEqual(before - 5)
    expect(Date.parse(capture.receivedAt)).toBeLessThanOrEqual(Date.now())
    expect(capture.httpVersion).toBe('1.1')
    expect(capture.remoteAddress).toBe('127.0.0.1')
    expect(capture.remotePort).toBe(localPort)
    expect(capture.exchangeId).toBeNull()
    expect(capture.auth).toBeNull()
  })
})

describe('receiver: raw bodies are kept byte-exact', () => {
  const cases: [string, Buffer, [string, string][]][] = [
    [
      'binary',
      Buffer.from([0, 1, 2, 253, 254, 255, 0, 10, 13]),
      [['Content-Type', 'application/octet-stream']]
    ],
    [
      'invalid UTF-8',
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
      [['Content-Type', 'application/json']]
    ],
    ['invalid JSON', Buffer.from('{"trans_id": 436,,}'), [['Content-Type', 'application/json']]],
    ['no content type', Buffer.from('just text'), []],
    [
      'form-encoded',
      Buffer.from('a=1&b=%20x+y'),
      [['Content-Type', 'application/x-www-form-urlencoded']]
    ],
    ['a malformed content type', Buffer.from('{"x":1}'), [['Content-Type', 'this is not a type']]],
    [
      'gzip (not decompressed)',
      gzipSync(fixture('insert')),
      [
        ['Content-Type', 'application/json'],
        ['Content-Encoding', 'gzip']
      ]
    ]
  ]
  for (const [name, body, headers] of cases) {
    it(`keeps ${name}`, async () => {
      const { capture, response } = await rawCapture({ method: 'POST', path: '/b', headers, body })
      expect(response.status).toBe(200)
      expect(bodyOf(capture).equals(body)).toBe(true)
      expect(capture.bodySize).toBe(body.length)
      expect(capture.truncated).toBe(false)
    })
  }

  it('reads a chunked body and a body on GET', async () => {
    await rawCapture({
      method: 'POST',
      path: '/chunked',
      headers: [['Transfer-Encoding', 'chunked']],
      body: '4\r\nab\r\n\r\n3\r\ncde\r\n0\r\n\r\n'
    })
    expect(bodyOf(h.captures[0]!).toString('latin1')).toBe('ab\r\ncde')
    h.captures.length = 0
    await rawCapture({ method: 'GET', path: '/get-with-body', body: 'hello' })
    expect(bodyOf(h.captures[0]!).toString()).toBe('hello')
  })

  it('captures an empty POST body as empty, neither JSON nor an error', async () => {
    const { capture } = await rawCapture({ method: 'POST', path: '/e', body: '' })
    expect(capture).toMatchObject({ bodyBase64: '', bodySize: 0, json: null, jsonError: null })
  })

  it('parses JSON once: the value, or the parse error message', async () => {
    await send(agent, h.url('/j'), { method: 'POST', body: '{"a":[1,2,{"b":null}]}' })
    expect(h.captures[0]).toMatchObject({ json: { a: [1, 2, { b: null }] }, jsonError: null })
    h.captures.length = 0
    await send(agent, h.url('/j'), { method: 'POST', body: '{"a":' })
    expect(h.captures[0]?.json).toBeNull()
    expect(h.captures[0]?.jsonError).toMatch(/JSON/)
    h.captures.length = 0
    const { capture } = await rawCapture({
      method: 'POST',
      body: Buffer.from([0x22, 0xff, 0x22])
    })
    expect(capture.jsonError).toBe('The body is not valid UTF-8 text.')
  })

  it('keeps duplicate headers with their names as sent, in wire order', async () => {
    const headers: [string, string][] = [
      ['X-Trace', 'one'],
      ['content-type', 'application/json'],
      ['X-TRACE', 'two'],
      ['Set-Thing', 'a'],
      ['x-trace', 'three'],
      ['Set-Thing', 'b']
    ]
    const { capture } = await rawCapture({ method: 'POST', path: '/h', headers, body: '{}' })
    expect(capture.headers).toEqual([['Host', 'localhost'], ...headers, ['Content-Length', '2']])
  })
})

describe('receiver: TrialKit events', () => {
  for (const name of ['insert', 'update', 'review'] as const) {
    it(`detects ${name} from the fixture body`, async () => {
      const body = fixture(name)
      await send(agent, h.url('/trialkit'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body
      })
      const capture = h.captures[0]!
      expect(capture.event).toBe(name)
      expect(bodyOf(capture).equals(body)).toBe(true)
      expect(capture.json).toEqual(JSON.parse(body.toString('utf8')))
    })
  }

  it('detects nothing in a body that is not a TrialKit event', async () => {
    await send(agent, h.url('/x'), { method: 'POST', body: '{"OnInsert":"true"}' })
    expect(h.captures[0]?.event).toBeNull()
  })
})

describe("receiver: TrialKit's documented shape", () => {
  it('a documented body has an empty docDiff; another shape lists each difference', async () => {
    await send(agent, h.url('/'), { method: 'POST', body: fixture('review') })
    expect(h.captures[0]?.docDiff).toEqual([])
    const changed = JSON.parse(fixture('review').toString()) as Record<string, unknown>
    changed.wf_status = '10'
    changed.site = 'A'
    await send(agent, h.url('/'), { method: 'POST', body: Buffer.from(JSON.stringify(changed)) })
    expect(h.captures[1]?.docDiff?.map((d) => `${d.kind} ${d.path}`)).toEqual([
      'type wf_status',
      'extra site'
    ])
    await send(agent, h.url('/'), { method: 'POST', body: Buffer.from('{"hello":1}') })
    expect(h.captures[2]?.docDiff).toBeNull()
  })
})
