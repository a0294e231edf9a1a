import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { encodeBasicAuth } from '@shared/basic-auth'
import { STORED_BODY_CAP, type Capture } from '@shared/schemas'
import { decodedView } from '@main/engine/receiver/decoded-view'
import { STORED_JSON_MAX_BYTES } from '@main/engine/receiver/read-json'
import { behaviorWith, bodyOf, fixture, send, useHarness } from '../../helpers/receiver-harness'

const { h, agent } = useHarness({ bodyLimitBytes: 20 * 1024 * 1024 })

async function post(body: Buffer, encoding?: string, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...extra }
  if (encoding) headers['Content-Encoding'] = encoding
  const res = await send(agent, h.url('/coded'), { method: 'POST', headers, body })
  return { res, capture: h.captures.at(-1)! }
}

/** The fields a capture stores about its body: the raw bytes and what was read from them. */
function stored(capture: Capture) {
  return {
    raw: bodyOf(capture),
    bodySize: capture.bodySize,
    hasJson: 'json' in capture,
    jsonError: capture.jsonError,
    event: capture.event,
    decoded: capture.decoded
  }
}

describe('receiver: bodies with a Content-Encoding', () => {
  const plain = fixture('insert')
  const cases: [string, Buffer][] = [
    ['gzip', gzipSync(plain)],
    ['deflate', deflateSync(plain)],
    ['br', brotliCompressSync(plain)]
  ]
  for (const [encoding, coded] of cases) {
    it(`keeps a ${encoding} body byte for byte, reads its event, and decodes it when shown`, async () => {
      const { res, capture } = await post(coded, encoding)
      expect(res.status).toBe(200)
      expect(stored(capture)).toEqual({
        raw: coded,
        bodySize: coded.length,
        hasJson: true,
        jsonError: null,
        event: 'insert',
        decoded: undefined
      })
      expect(capture.json).toEqual(JSON.parse(plain.toString('utf8')))
      expect(await decodedView(capture)).toEqual({
        encoding,
        bodyBase64: plain.toString('base64'),
        bodySize: plain.length,
        truncated: false,
        error: null
      })
    })
  }

  it('says why a body that is not what its coding claims could not be decoded', async () => {
    const { capture } = await post(plain, 'gzip')
    expect(bodyOf(capture).equals(plain)).toBe(true)
    expect(capture.jsonError).toBe(
      'Not parsed: the gzip body could not be decoded: incorrect header check'
    )
    expect(await decodedView(capture)).toEqual({
      encoding: 'gzip',
      bodyBase64: '',
      bodySize: 0,
      truncated: false,
      error: 'incorrect header check'
    })
    const unknown = await post(plain, 'compress')
    expect((await decodedView(unknown.capture)).error).toBe(
      '"compress" is not a coding the receiver can decode (gzip, deflate, br)'
    )
  })

  it('has nothing to decode without a Content-Encoding', async () => {
    const { capture } = await post(plain)
    expect(capture.decoded).toBeUndefined()
    await expect(decodedView(capture)).rejects.toThrow(
      `The capture "${capture.id}" has no Content-Encoding to decode.`
    )
  })

  it('names the kept-body cap when a body is longer', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 0x61)
    const { capture } = await post(big)
    expect(capture.bodySize).toBe(big.length)
    expect(capture.truncated).toBe(true)
    expect(bodyOf(capture).length).toBe(STORED_BODY_CAP)
    expect(capture.jsonError).toBe(
      'Not parsed: kept 1 MiB of 10 MiB (the receiver keeps the first 1 MiB of a body).'
    )
  })
})

describe('receiver: a decoded copy is never stored', () => {
  /** A JSON text of about `bytes` bytes that is not a TrialKit event. */
  const jsonOf = (bytes: number) => Buffer.from(JSON.stringify({ pad: 'x'.repeat(bytes) }))

  it('stores a large JSON body as its raw bytes only; a small one keeps its parsed value', async () => {
    const large = jsonOf(STORED_JSON_MAX_BYTES + 1)
    const small = jsonOf(100)
    const plainBig = await post(large)
    expect(stored(plainBig.capture)).toMatchObject({ hasJson: false, jsonError: null })
    const little = await post(gzipSync(jsonOf(STORED_JSON_MAX_BYTES - 20)), 'gzip')
    expect(little.capture).toMatchObject({ jsonError: null, json: { pad: expect.any(String) } })
    const tiny = await post(gzipSync(small), 'gzip')
    expect(tiny.capture.json).toEqual(JSON.parse(small.toString('utf8')))
  })

  it('reads at most 64 KiB of a coded body, and says so', async () => {
    const coded = gzipSync(Buffer.alloc(STORED_JSON_MAX_BYTES + 1, 0x20))
    const { res, capture } = await post(coded, 'gzip')
    expect(res.status).toBe(200)
    expect(stored(capture)).toMatchObject({
      raw: coded,
      hasJson: true,
      event: null,
      jsonError:
        'Not parsed: it decodes to more than 64 KiB (the receiver reads up to 64 KiB of a coded body; it is decoded in full when shown).'
    })
  })

  it('stores a coded body refused with 401 raw, never decoded', async () => {
    h.behavior = behaviorWith({ expectedAuth: { email: 'ann@site.org', password: 'right' } })
    const coded = gzipSync(fixture('insert'))
    const { res, capture } = await post(coded, 'gzip', {
      Authorization: encodeBasicAuth('ann@site.org', 'wrong')
    })
    expect(res.status).toBe(401)
    expect(stored(capture)).toEqual({
      raw: coded,
      bodySize: coded.length,
      hasJson: true,
      jsonError: 'Not parsed: the request was refused (401), so its gzip body was not decoded.',
      event: null,
      decoded: undefined
    })
    expect(capture.json).toBeNull()
    // The same body with the right credentials is decoded and read as the event it is.
    const right = await post(coded, 'gzip', {
      Authorization: encodeBasicAuth('ann@site.org', 'right')
    })
    expect(right.res.status).toBe(200)
    expect(right.capture.event).toBe('insert')
  })
})

describe('the decoded view, made on demand', () => {
  it('shows at most 8 MiB of a decoded body and says how large it is', async () => {
    const decoded = Buffer.alloc(10 * 1024 * 1024, 0x61)
    const { capture } = await post(gzipSync(decoded), 'gzip')
    const view = await decodedView(capture)
    expect({ ...view, bodyBase64: view.bodyBase64.length }).toEqual({
      encoding: 'gzip',
      bodyBase64: Buffer.alloc(8 * 1024 * 1024, 0x61).toString('base64').length,
      bodySize: decoded.length,
      truncated: true,
      error: null
    })
  })

  it('refuses a body that decodes to more than 64 MiB', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024 + 1))
    const { res, capture } = await post(bomb, 'gzip')
    expect(res.status).toBe(200)
    expect(await decodedView(capture)).toEqual({
      encoding: 'gzip',
      bodyBase64: '',
      bodySize: 0,
      truncated: false,
      error: 'it decodes to more than 64 MiB, so it was not decoded'
    })
  })

  it('decodes the kept start of a coded body cut at the cap', async () => {
    const text = Buffer.from('{"n":"' + 'q'.repeat(4 * 1024 * 1024) + '"}')
    // Level 0: stored, not compressed, so the coded body is longer than the 1 MiB kept.
    const coded = gzipSync(text, { level: 0 })
    const { capture } = await post(coded, 'gzip')
    expect(capture.truncated).toBe(true)
    const view = await decodedView(capture)
    expect(view.error).toBeNull()
    expect(view.truncated).toBe(true)
    expect(view.bodySize).toBeGreaterThan(STORED_BODY_CAP - 1024)
    expect(view.bodySize).toBeLessThanOrEqual(STORED_BODY_CAP)
  })
})
