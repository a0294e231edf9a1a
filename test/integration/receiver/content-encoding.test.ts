import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { STORED_BODY_CAP } from '../../../src/shared/schemas'
import { bodyOf, fixture, newAgent, send, startHarness, type Harness } from './harness'

let h: Harness
const agent = newAgent()

beforeAll(async () => {
  h = await startHarness({ bodyLimitBytes: 20 * 1024 * 1024 })
})
afterAll(async () => {
  await agent.close()
  await h.close()
})
beforeEach(() => {
  h.captures.length = 0
})

async function post(body: Buffer, encoding?: string) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (encoding) headers['Content-Encoding'] = encoding
  const res = await send(agent, h.url('/coded'), { method: 'POST', headers, body })
  return { res, capture: h.captures.at(-1)! }
}

describe('receiver: bodies with a Content-Encoding', () => {
  const plain = fixture('insert')
  const cases: [string, Buffer][] = [
    ['gzip', gzipSync(plain)],
    ['deflate', deflateSync(plain)],
    ['br', brotliCompressSync(plain)]
  ]
  for (const [encoding, coded] of cases) {
    it(`keeps a ${encoding} body byte for byte and shows it decoded`, async () => {
      const { res, capture } = await post(coded, encoding)
      expect(res.status).toBe(200)
      expect(bodyOf(capture).equals(coded)).toBe(true)
      expect(capture.bodySize).toBe(coded.length)
      expect(capture.decoded).toMatchObject({
        encoding,
        bodySize: plain.length,
        truncated: false,
        error: null
      })
      expect(Buffer.from(capture.decoded!.bodyBase64, 'base64').equals(plain)).toBe(true)
      // Read as the event it is once decoded.
      expect(capture.event).toBe('insert')
      expect(capture.jsonError).toBeNull()
    })
  }

  it('says why a body that is not what its coding claims could not be decoded', async () => {
    const { capture } = await post(plain, 'gzip')
    expect(bodyOf(capture).equals(plain)).toBe(true)
    expect(capture.decoded?.encoding).toBe('gzip')
    expect(capture.decoded?.error).toMatch(/header|check/i)
    const unknown = await post(plain, 'compress')
    expect(unknown.capture.decoded?.error).toMatch(
      /"compress" is not a coding the receiver can decode/
    )
  })

  it('has nothing decoded without a Content-Encoding', async () => {
    const { capture } = await post(plain)
    expect(capture.decoded).toBeUndefined()
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
