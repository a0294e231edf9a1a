import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createHeadlessEngine, startReceiver, type Engine } from '@main/engine'
import type { RunningReceiver } from '@main/engine/ports'
import { encodeBasicAuth } from '@shared/basic-auth'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import { CaptureSchema, type Behavior, type Capture } from '@shared/schemas'
import { buildEventBody } from '@shared/trialkit'
import { formatRequest, RawClient, type RawRequestSpec } from '../helpers/raw-client'
import { failOnProcessErrors } from './support/process-guard'
import { roundTrip, splitResponses } from './support/raw'

const LIMIT = 64 * 1024
const EXPECTED = { email: 'hook@example.org', password: 'pa:ss' }

failOnProcessErrors()

function behavior(patch: Partial<Behavior> = {}): Behavior {
  return { ...structuredClone(HEALTHY_BEHAVIOR), preset: null, ...patch }
}

function bodyOf(capture: Capture): Buffer {
  return Buffer.from(capture.bodyBase64, 'base64')
}

describe('receiver under bad input (engine, real sockets, journaled)', () => {
  let dir: string
  let engine: Engine
  let port: number
  const captures: Capture[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hi-rel-input-'))
    engine = await createHeadlessEngine({
      dataDir: dir,
      receiverOverrides: { port: 0, bodyLimitBytes: LIMIT }
    })
    engine.on('capture', (capture) => captures.push(CaptureSchema.parse(capture)))
    port = engine.receiverStatus().port!
  })
  afterAll(async () => {
    await engine?.close()
    rmSync(dir, { recursive: true, force: true })
  })
  beforeEach(async () => {
    await engine.setBehavior(behavior())
  })

  /** Sends one request, returns the response and the capture the receiver recorded for it. */
  async function exchange(spec: RawRequestSpec): Promise<{ status: number; capture: Capture }> {
    const before = captures.length
    const response = await roundTrip(port, formatRequest(spec))
    expect(captures).toHaveLength(before + 1)
    return { status: response.status, capture: captures[before]! }
  }

  /** The receiver still answers a clean TrialKit request afterwards. */
  async function stillServes(): Promise<void> {
    const body = buildEventBody('insert')
    const { status, capture } = await exchange({ method: 'POST', path: '/after', body })
    expect(status).toBe(200)
    expect(capture.event).toBe('insert')
    expect(bodyOf(capture).toString('utf8')).toBe(body)
  }

  it('records invalid JSON byte-exact with the parse error', async () => {
    const body = '{"trans_id":"1",'
    const { status, capture } = await exchange({ method: 'POST', path: '/bad-json', body })
    expect(status).toBe(200)
    expect(bodyOf(capture).toString('utf8')).toBe(body)
    expect(capture.json).toBeNull()
    expect(capture.jsonError).toMatch(/JSON/i)
    expect(capture.event).toBeNull()
    await stillServes()
  })

  it('records an empty body as empty, neither JSON nor an error', async () => {
    const { status, capture } = await exchange({ method: 'POST', path: '/empty', body: '' })
    expect(status).toBe(200)
    expect(capture).toMatchObject({ bodySize: 0, bodyBase64: '', json: null, jsonError: null })
    expect(capture.headers).toContainEqual(['Content-Length', '0'])
  })

  it('keeps binary and invalid UTF-8 bodies byte for byte', async () => {
    const binary = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256))
    const first = await exchange({ method: 'PUT', path: '/binary', body: binary })
    expect(first.status).toBe(200)
    expect(bodyOf(first.capture).equals(binary)).toBe(true)
    expect(first.capture.bodySize).toBe(512)

    const invalid = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d])
    const second = await exchange({ method: 'POST', path: '/latin', body: invalid })
    expect(bodyOf(second.capture).equals(invalid)).toBe(true)
    expect(second.capture.jsonError).toMatch(/UTF-8/)
    await stillServes()
  })

  it('keeps a gzip-encoded body raw, records Content-Encoding, and the kept bytes decode', async () => {
    const json = buildEventBody('review')
    const gz = gzipSync(Buffer.from(json, 'utf8'))
    const { status, capture } = await exchange({
      method: 'POST',
      path: '/gz',
      headers: [
        ['Content-Type', 'application/json; charset=utf-8'],
        ['Content-Encoding', 'gzip']
      ],
      body: gz
    })
    expect(status).toBe(200)
    expect(capture.headers).toContainEqual(['Content-Encoding', 'gzip'])
    expect(bodyOf(capture).equals(gz)).toBe(true)
    expect(capture.bodySize).toBe(gz.length)
    expect(gunzipSync(bodyOf(capture)).toString('utf8')).toBe(json)
  })

  it('reassembles a chunked upload sent in pieces over time', async () => {
    const json = buildEventBody('update')
    const pieces = [json.slice(0, 5), json.slice(5, 30), json.slice(30)]
    const client = await RawClient.open(port)
    const before = captures.length
    try {
      client.write(
        'POST /chunked HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n' +
          'Content-Type: application/json\r\n\r\n'
      )
      for (const piece of pieces) {
        await new Promise((resolve) => setTimeout(resolve, 30))
        client.write(`${Buffer.byteLength(piece).toString(16)}\r\n${piece}\r\n`)
      }
      client.write('0\r\n\r\n')
      expect((await client.response()).status).toBe(200)
    } finally {
      client.destroy()
    }
    const capture = captures[before]!
    expect(capture.headers).toContainEqual(['Transfer-Encoding', 'chunked'])
    expect(bodyOf(capture).toString('utf8')).toBe(json)
    expect(capture.event).toBe('update')
  })

  it('records a form-encoded body as sent', async () => {
    const body = 'trans_id=436&form_name=Sample%20Form&OnInsert=true'
    const { status, capture } = await exchange({
      method: 'POST',
      path: '/form?x=1&x=2',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body
    })
    expect(status).toBe(200)
    expect(bodyOf(capture).toString('latin1')).toBe(body)
    expect(capture.query).toEqual({ x: ['1', '2'] })
    expect(capture.json).toBeNull()
    expect(capture.event).toBeNull()
  })

  it('answers 413 to a body over the limit, records it with its true size, and keeps serving', async () => {
    const size = LIMIT * 3
    const client = await RawClient.open(port)
    const before = captures.length
    try {
      client.send({ method: 'POST', path: '/huge', body: Buffer.alloc(size, 'x') })
      expect((await client.response()).status).toBe(413)
      expect(await client.endWithin(3000)).not.toBeNull()
    } finally {
      client.destroy()
    }
    expect(captures[before]).toMatchObject({
      path: '/huge',
      bodySize: size,
      truncated: true,
      response: { status: 413 }
    })
    await stillServes()
  })

  it('decodes non-Basic and malformed Basic credentials without failing, and refuses them', async () => {
    await engine.setBehavior(behavior({ expectedAuth: EXPECTED }))
    const cases: [string, Partial<NonNullable<Capture['auth']>>][] = [
      ['Bearer abc.def.ghi', { scheme: 'Bearer', email: null, base64Valid: false }],
      ['Basic !!!not-base64!!!', { scheme: 'Basic', email: null, base64Valid: false }],
      ['Basic', { scheme: 'Basic', password: null, base64Valid: false }],
      [`Basic ${Buffer.from('no-colon').toString('base64')}`, { base64Valid: false }],
      [
        `Basic ${Buffer.from([0xff, 0x3a, 0xfe]).toString('base64')}`,
        { base64Valid: true, charset: 'latin1' }
      ],
      ['', { scheme: '', base64Valid: false }]
    ]
    for (const [value, auth] of cases) {
      const { status, capture } = await exchange({
        method: 'POST',
        path: '/auth',
        headers: [['Authorization', value]],
        body: '{}'
      })
      expect(status, value).toBe(401)
      expect(capture.auth, value).toMatchObject({ ...auth, matchesExpected: false })
      expect(capture.response.status).toBe(401)
    }
    const right = await exchange({
      method: 'POST',
      path: '/auth',
      headers: [['Authorization', encodeBasicAuth(EXPECTED.email, EXPECTED.password)]],
      body: '{}'
    })
    expect(right.status).toBe(200)
    expect(right.capture.auth).toMatchObject({ ...EXPECTED, matchesExpected: true })
  })

  it('keeps duplicate Authorization headers in order and judges by the first', async () => {
    await engine.setBehavior(behavior({ expectedAuth: EXPECTED }))
    const wrong = encodeBasicAuth(EXPECTED.email, 'wrong')
    const right = encodeBasicAuth(EXPECTED.email, EXPECTED.password)
    const first = await exchange({
      method: 'POST',
      path: '/dup',
      headers: [
        ['Authorization', wrong],
        ['authorization', right]
      ],
      body: '{}'
    })
    expect(first.capture.headers.filter(([n]) => n.toLowerCase() === 'authorization')).toEqual([
      ['Authorization', wrong],
      ['authorization', right]
    ])
    expect(first.capture.auth).toMatchObject({ password: 'wrong', matchesExpected: false })
    expect(first.status).toBe(401)

    const second = await exchange({
      method: 'POST',
      path: '/dup',
      headers: [
        ['Authorization', right],
        ['Authorization', wrong]
      ],
      body: '{}'
    })
    expect(second.capture.auth).toMatchObject({ password: EXPECTED.password })
    expect(second.status).toBe(200)
  })

  it('records a long header value exactly, and refuses (431) and records oversized headers', async () => {
    const long = 'v'.repeat(12_000)
    const ok = await exchange({
      method: 'POST',
      path: '/long',
      headers: [['X-Long', long]],
      body: '{}'
    })
    expect(ok.status).toBe(200)
    expect(ok.capture.headers).toContainEqual(['X-Long', long])

    const refused = await exchange({
      method: 'POST',
      path: '/too-long?q=1',
      headers: [['X-Long', 'v'.repeat(40_000)]],
      body: '{}'
    })
    expect(refused.status).toBe(431)
    expect(refused.capture).toMatchObject({
      method: 'POST',
      path: '/too-long',
      query: { q: '1' },
      httpVersion: '1.1',
      bodySize: 0,
      bodyBase64: '',
      response: { status: 431, fault: 'none' }
    })
    await stillServes()
  })

  it('records many headers in order, and refuses (431) and records too many', async () => {
    const many: [string, string][] = Array.from({ length: 800 }, (_, i) => [`X-H${i}`, `${i}`])
    const ok = await exchange({ method: 'POST', path: '/many', headers: many, body: '{}' })
    expect(ok.status).toBe(200)
    expect(ok.capture.headers.filter(([n]) => n.startsWith('X-H'))).toEqual(many)

    const tooMany: [string, string][] = Array.from({ length: 5000 }, (_, i) => [`X-H${i}`, 'v'])
    const refused = await exchange({ method: 'GET', path: '/too-many', headers: tooMany })
    expect(refused.status).toBe(431)
    expect(refused.capture).toMatchObject({ method: 'GET', path: '/too-many' })
    expect(refused.capture.response.status).toBe(431)
    await stillServes()
  })

  it('refuses bytes that are not HTTP with 400 and records the refusal', async () => {
    const before = captures.length
    const response = await roundTrip(port, 'HELLO THERE\x00\x01\r\n\r\n')
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body.toString('utf8'))).toMatchObject({ error: 'Bad Request' })
    expect(captures).toHaveLength(before + 1)
    expect(captures[before]).toMatchObject({ method: '', path: '', response: { status: 400 } })
    await stillServes()
  })

  // Request smuggling: framing two parsers could read differently is refused whole (400), and the
  // refusal is recorded; nothing after it is read as a second request.
  const smuggling: [string, string][] = [
    ['CL.TE', 'Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG'],
    ['TE.CL', 'Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n'],
    ['two Content-Lengths', 'Content-Length: 3\r\nContent-Length: 5\r\n\r\nabcde'],
    ['an obfuscated Transfer-Encoding', 'Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n']
  ]
  it.each(smuggling)('refuses (400) and records a smuggling attempt: %s', async (_name, rest) => {
    const before = captures.length
    const response = await roundTrip(port, `POST /smuggle HTTP/1.1\r\nHost: x\r\n${rest}`)
    expect(response.status).toBe(400)
    expect(captures.length).toBe(before + 1)
    expect(captures[before]).toMatchObject({ response: { status: 400 } })
    expect(captures.slice(before).some((c) => c.path === '/' || c.method === 'GPOST')).toBe(false)
    await stillServes()
  })

  // Node's parser accepts these requests' headers, hands the request on, and only then refuses
  // what follows: the request reached the receiver, so it is answered and recorded.
  const refusedBodies: [string, string, number, RegExp][] = [
    [
      'a bad chunk size',
      'Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n',
      400,
      /chunk size.*HPE_INVALID_CHUNK_SIZE/
    ],
    [
      'an unknown Transfer-Encoding',
      'Transfer-Encoding: gzip, foo\r\n\r\nabc',
      400,
      /Transfer-Encoding.*HPE_INVALID_TRANSFER_ENCODING/
    ],
    [
      'a huge chunk extension',
      `Transfer-Encoding: chunked\r\n\r\n3;${'e'.repeat(20_000)}\r\nabc\r\n0\r\n\r\n`,
      400,
      /HPE_CHUNK_EXTENSIONS_OVERFLOW/
    ],
    [
      'a huge trailer',
      `Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: ${'t'.repeat(70_000)}\r\n\r\n`,
      431,
      /trailer fields are larger/
    ]
  ]
  it.each(refusedBodies)(
    'records a request whose body the parser refuses (%s) with the refusal it got',
    async (_name, rest, status, message) => {
      const before = captures.length
      const client = await RawClient.open(port)
      try {
        client.write(`POST /framing HTTP/1.1\r\nHost: x\r\n${rest}`)
        const response = await client.response(3000)
        expect(response.status).toBe(status)
        expect(JSON.parse(response.body.toString('utf8')).message).toMatch(message)
        expect(await client.endWithin(3000)).toMatchObject({ how: 'closed' })
      } finally {
        client.destroy()
      }
      expect(captures).toHaveLength(before + 1)
      const capture = captures[before]!
      expect(capture).toMatchObject({ method: 'POST', path: '/framing', response: { status } })
      expect(capture.headers.map(([name]) => name)).toContain('Transfer-Encoding')
      expect(Buffer.from(capture.answer!.bodyBase64, 'base64').toString('utf8')).toMatch(message)
      await stillServes()
    }
  )

  it('answers HTTP/1.0 and closes the connection afterwards', async () => {
    const client = await RawClient.open(port)
    const before = captures.length
    try {
      client.write('POST /old HTTP/1.0\r\nContent-Length: 11\r\n\r\n{"old":1.0}')
      expect((await client.response()).status).toBe(200)
      expect(await client.endWithin(2000)).toMatchObject({ how: 'closed' })
    } finally {
      client.destroy()
    }
    expect(captures[before]).toMatchObject({ httpVersion: '1.0', path: '/old', json: { old: 1 } })
  })

  it('answers pipelined requests in order and records each', async () => {
    const client = await RawClient.open(port)
    const before = captures.length
    const bodies = ['{"n":1}', '{"n":2}', '{"n":3}']
    try {
      client.write(
        Buffer.concat(
          bodies.map((body, i) => formatRequest({ method: 'POST', path: `/p${i}`, body }))
        )
      )
      const done = await client.waitFor(() => splitResponses(client.received()).length === 3, 3000)
      expect(done).toBe(true)
      expect(splitResponses(client.received()).map((r) => r.status)).toEqual([200, 200, 200])
    } finally {
      client.destroy()
    }
    const recorded = captures.slice(before)
    expect(recorded.map((c) => c.path)).toEqual(['/p0', '/p1', '/p2'])
    expect(recorded.map((c) => bodyOf(c).toString('utf8'))).toEqual(bodies)
  })

  it('answers pipelined TrialKit requests (Connection: close): the first, then closes', async () => {
    const client = await RawClient.open(port)
    const before = captures.length
    const request = (n: number): Buffer =>
      formatRequest({
        method: 'POST',
        path: `/tk${n}`,
        headers: [['Connection', 'close']],
        body: buildEventBody('insert')
      })
    try {
      client.write(Buffer.concat([request(1), request(2), request(3)]))
      expect(await client.endWithin(3000)).toMatchObject({ how: 'closed' })
    } finally {
      client.destroy()
    }
    expect(splitResponses(client.received()).map((r) => r.status)).toEqual([200])
    // Nothing after `Connection: close` is a request: only the answered one is recorded.
    expect(captures.slice(before).map((c) => [c.path, c.response.status])).toEqual([['/tk1', 200]])
  })

  it('a request pipelined after a 413 is not recorded as answered', async () => {
    const client = await RawClient.open(port)
    const before = captures.length
    try {
      client.write(
        Buffer.concat([
          formatRequest({ method: 'POST', path: '/too-big', body: Buffer.alloc(LIMIT + 1, 'x') }),
          formatRequest({ method: 'POST', path: '/after-413', body: '{"after":true}' })
        ])
      )
      expect(await client.endWithin(3000)).not.toBeNull()
    } finally {
      client.destroy()
    }
    expect(splitResponses(client.received()).map((r) => r.status)).toEqual([413])
    await stillServes()
    const recorded = captures.slice(before, -1)
    // It reached the receiver, so it is recorded: as closed without an answer.
    expect(recorded.map((c) => [c.path, c.response.status, c.unfinished?.how])).toEqual([
      ['/too-big', 413, undefined],
      ['/after-413', 0, 'behind-closed']
    ])
    expect(recorded[1]!.answer).toBeUndefined()
  })

  it('answers a client that half-closes right after its request', async () => {
    const before = captures.length
    const received = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = []
      const socket = connect({ port, host: '127.0.0.1' }, () => {
        socket.end(formatRequest({ method: 'POST', path: '/half', body: '{"half":true}' }))
      })
      const timer = setTimeout(() => {
        socket.destroy()
        reject(new Error('the connection was not ended within 3 s'))
      }, 3000)
      socket.on('data', (chunk: Buffer) => chunks.push(chunk))
      socket.on('error', reject)
      socket.on('close', () => {
        clearTimeout(timer)
        resolve(Buffer.concat(chunks))
      })
    })
    expect(splitResponses(received).map((r) => r.status)).toEqual([200])
    expect(captures[before]).toMatchObject({ path: '/half', response: { status: 200 } })
  })

  it('refuses (400) and records an HTTP/1.1 request without Host', async () => {
    const before = captures.length
    const response = await roundTrip(
      port,
      'POST /no-host HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}'
    )
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body.toString('utf8')).message).toMatch(/Host/)
    expect(captures[before]).toMatchObject({
      path: '/no-host',
      headers: [
        ['Content-Type', 'application/json'],
        ['Content-Length', '2']
      ],
      json: {},
      response: { status: 400 }
    })
  })

  it('records a client that disconnects mid-body as unanswered, and keeps serving', async () => {
    const before = captures.length
    const client = await RawClient.open(port)
    client.write('POST /cut HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"partial":')
    await new Promise((resolve) => setTimeout(resolve, 50))
    client.destroy()
    await client.endWithin(1000)
    // The record is made once the receiver sees the connection end.
    await expect.poll(() => captures.length, { timeout: 2000 }).toBe(before + 1)
    await stillServes()
    // It reached the receiver, so it is recorded; nothing was answered, and the record says so.
    expect(captures.slice(before).map((c) => c.path)).toEqual(['/cut', '/after'])
    const cut = captures[before]!
    expect(cut.unfinished?.how).toBe('left-mid-body')
    expect(cut.response.status).toBe(0)
    expect(cut.answer).toBeUndefined()
    expect(bodyOf(cut).toString('utf8')).toBe('{"partial":')
  })

  it('journaled every capture: a fresh engine on the same data dir loads them all', async () => {
    const seen = captures.map((c) => c.id)
    await engine.close()
    engine = await createHeadlessEngine({ dataDir: dir, startReceiver: false })
    const history = await engine.listHistory({})
    expect(history.map((e) => e.id).reverse()).toEqual(seen)
    const info = await engine.getInfo()
    expect(info.historyPersisted).toBe(true)
    expect(info.notices).toEqual([])
    const lines = readFileSync(join(dir, 'history.jsonl'), 'utf8').trim().split('\n')
    expect(lines).toHaveLength(seen.length)
  })
})

describe('receiver against a client that sends its headers slowly', () => {
  const HEADERS_TIMEOUT_MS = 300
  let receiver: RunningReceiver
  const captures: Capture[] = []

  beforeAll(async () => {
    receiver = await startReceiver({
      host: '127.0.0.1',
      port: 0,
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      getBehavior: () => behavior(),
      onCapture: (capture) => {
        captures.push(CaptureSchema.parse(capture))
      }
    })
  })
  afterAll(async () => {
    await receiver?.close()
  })

  it('cuts it off after the headers timeout with a recorded 408, and keeps serving', async () => {
    const client = await RawClient.open(receiver.port)
    client.write('POST /slow HTTP/1.1\r\nHost: x\r\n')
    const drip = setInterval(() => client.write('X-Drip: 1\r\n'), 40)
    let end
    try {
      end = await client.endWithin(3000)
    } finally {
      clearInterval(drip)
      client.destroy()
    }
    expect(end).not.toBeNull()
    expect(end!.atMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50)
    // Node checks the timeout every HEADERS_TIMEOUT_MS / 2; generous slack for a busy machine.
    expect(end!.atMs).toBeLessThan(HEADERS_TIMEOUT_MS * 2 + 1000)
    expect(client.received().toString('latin1')).toMatch(/^HTTP\/1\.1 408 /)
    expect(captures).toHaveLength(1)
    expect(captures[0]).toMatchObject({ bodySize: 0, response: { status: 408, fault: 'none' } })

    const response = await roundTrip(receiver.port, formatRequest({ method: 'POST', body: '{}' }))
    expect(response.status).toBe(200)
    expect(captures).toHaveLength(2)
  })
})
