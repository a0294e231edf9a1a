import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { bodySaysError, bodyStart, decodedBody } from '@main/engine/check/body-start'
import { makeExchange } from '../engine/check-fixture'

/** Decoding an answer's body for a quote: every coding, the order, the cap, a cut body. */

function answer(body: Buffer | string, headers: [string, string][] = [], truncated = false) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  return makeExchange({
    response: {
      status: 200,
      statusText: 'OK',
      headers,
      bodyBase64: bytes.toString('base64'),
      bodySize: bytes.length,
      truncated
    }
  })
}

const TEXT = '{"error":"expected application/json"}'

describe('decodedBody', () => {
  it('decodes each coding, whatever the header name case', () => {
    expect(decodedBody(answer(gzipSync(TEXT), [['content-encoding', 'x-gzip']]))).toBe(TEXT)
    expect(decodedBody(answer(deflateSync(TEXT), [['Content-Encoding', 'Deflate']]))).toBe(TEXT)
    expect(decodedBody(answer(brotliCompressSync(TEXT), [['Content-Encoding', 'br']]))).toBe(TEXT)
  })

  it('undoes codings from the last applied, skipping identity and blanks', () => {
    const coded = brotliCompressSync(gzipSync(TEXT))
    expect(decodedBody(answer(coded, [['Content-Encoding', 'gzip, identity, , br']]))).toBe(TEXT)
  })

  it('keeps a body as it came when it does not decode or decodes past 64 KiB', () => {
    expect(decodedBody(answer(TEXT, [['Content-Encoding', 'gzip']]))).toBe(TEXT)
    const big = gzipSync('a'.repeat(64 * 1024 + 1))
    expect(decodedBody(answer(big, [['Content-Encoding', 'gzip']]))).toBe(big.toString('utf8'))
    const brBig = brotliCompressSync('a'.repeat(64 * 1024 + 1))
    expect(decodedBody(answer(brBig, [['Content-Encoding', 'br']]))).toBe(brBig.toString('utf8'))
    const fits = gzipSync('a'.repeat(64 * 1024))
    expect(decodedBody(answer(fits, [['Content-Encoding', 'gzip']]))).toBe('a'.repeat(64 * 1024))
  })

  it('decodes the start of a body cut at the kept cap', () => {
    const long = Array.from({ length: 3000 }, (_, i) => (i * 7919) % 10007).join(',')
    for (const [coding, coded] of [
      ['gzip', gzipSync(long)],
      ['deflate', deflateSync(long)],
      ['br', brotliCompressSync(long)]
    ] as const) {
      const cut = coded.subarray(0, coded.length >> 1)
      const text = decodedBody(answer(cut, [['Content-Encoding', coding]], true))
      expect(text.length).toBeGreaterThan(0)
      expect(long.startsWith(text)).toBe(true)
    }
  })

  it('is empty without a body', () => {
    expect(decodedBody(makeExchange({ response: null }))).toBe('')
    expect(decodedBody(answer(''))).toBe('')
  })
})

describe('bodyStart', () => {
  it('keeps exactly 120 characters whole and cuts 121', () => {
    expect(bodyStart(answer('y'.repeat(120)))).toBe('y'.repeat(120))
    expect(bodyStart(answer('y'.repeat(121)))).toBe(`${'y'.repeat(119)}…`)
    expect(bodyStart(answer('  a \n\t b  '), 10)).toBe('a b')
  })
})

describe('bodySaysError', () => {
  it('reads the words from each key an error may use', () => {
    expect(bodySaysError(answer('{"error":{"detail":"no site"}}'))).toBe('no site')
    expect(bodySaysError(answer('{"error":{"reason":" closed "}}'))).toBe('closed')
    expect(bodySaysError(answer('{"error":{"message":"  ","detail":"d"}}'))).toBe('d')
    expect(bodySaysError(answer('{"status":"ERROR","message":" m "}'))).toBe('m')
    expect(bodySaysError(answer('{"error":"  ","message":"said"}'))).toBe('said')
    expect(bodySaysError(answer('{"error":true}'))).toBe('{"error":true}')
    expect(bodySaysError(answer('{"status":5,"ok":true}'))).toBeNull()
  })

  it('reads nothing from JSON that is not an object', () => {
    for (const body of ['null', '42', '"error"', '[{"error":"x"}]', 'true']) {
      expect(bodySaysError(answer(body))).toBeNull()
    }
    expect(bodySaysError(answer('{"error":{"message":"subject not found"}}'))).toBe(
      'subject not found'
    )
    expect(bodySaysError(answer('{"error":{"error":"deep"}}'))).toBe('deep')
    expect(bodySaysError(answer('{"success":false,"message":5}'))).toBe(
      '{"success":false,"message":5}'
    )
    expect(bodySaysError(answer('{"success":false,"message":null}'))).toBe(
      '{"success":false,"message":null}'
    )
  })

  it('finds the Content-Encoding among other headers', () => {
    const headers: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['Content-Encoding', 'gzip']
    ]
    expect(bodySaysError(answer(gzipSync('{"ok":false,"error":"gz"}'), headers))).toBe('gz')
  })

  it('quotes the start of the body when it names no words, and decodes it first', () => {
    const long = `{"success":false,"pad":"${'p'.repeat(80)}"}`
    expect(bodySaysError(answer(long))).toBe(`${long.slice(0, 59)}…`)
    expect(
      bodySaysError(answer(gzipSync('{"ok":false,"error":"gz"}'), [['Content-Encoding', 'gzip']]))
    ).toBe('gz')
  })
})
