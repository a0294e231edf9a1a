import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  decodeCodings,
  MAX_DECODED_BYTES,
  overLimitText
} from '@main/engine/receiver/content-encoding'

/**
 * Decoding a received body: every coding the receiver names, in the order applied, and the limit
 * that stops a decompression bomb, each asserted as the whole result.
 */

const TEXT = Buffer.from('{"event":"insert","study":7}')
const all = { keep: 1024, limit: 1024, partial: false }

describe('decodeCodings', () => {
  it('decodes each coding it names', async () => {
    const coded: [string, Buffer][] = [
      ['gzip', gzipSync(TEXT)],
      ['x-gzip', gzipSync(TEXT)],
      ['deflate', deflateSync(TEXT)],
      ['br', brotliCompressSync(TEXT)]
    ]
    for (const [coding, input] of coded) {
      expect(await decodeCodings([coding], input, all)).toEqual({
        ok: true,
        bytes: TEXT,
        size: TEXT.length,
        overLimit: false
      })
    }
  })

  it('undoes codings from the last one applied', async () => {
    const input = brotliCompressSync(gzipSync(TEXT))
    expect(await decodeCodings(['gzip', 'br'], input, all)).toEqual({
      ok: true,
      bytes: TEXT,
      size: TEXT.length,
      overLimit: false
    })
  })

  it('names a coding it cannot decode, and decodes nothing', async () => {
    expect(await decodeCodings(['gzip', 'zstd'], gzipSync(TEXT), all)).toEqual({
      ok: false,
      error: '"zstd" is not a coding the receiver can decode (gzip, deflate, br)'
    })
  })

  it('says why a body does not decode', async () => {
    expect(await decodeCodings(['gzip'], TEXT, all)).toEqual({
      ok: false,
      error: 'incorrect header check'
    })
  })

  it('keeps the first bytes asked for and counts the whole decoded size', async () => {
    expect(await decodeCodings(['deflate'], deflateSync(TEXT), { ...all, keep: 7 })).toEqual({
      ok: true,
      bytes: TEXT.subarray(0, 7),
      size: TEXT.length,
      overLimit: false
    })
  })

  it('keeps bytes across chunks up to what it was asked for', async () => {
    const big = Buffer.from(Array.from({ length: 60_000 }, (_, i) => i % 251).join(','))
    const kept = await decodeCodings(['gzip'], gzipSync(big), {
      keep: 100_000,
      limit: big.length,
      partial: false
    })
    expect(kept).toEqual({
      ok: true,
      bytes: big.subarray(0, 100_000),
      size: big.length,
      overLimit: false
    })
  })

  it('is over the limit only past it', async () => {
    const at = { ...all, limit: TEXT.length }
    expect(await decodeCodings(['gzip'], gzipSync(TEXT), at)).toMatchObject({ overLimit: false })
    const below = { ...all, limit: TEXT.length - 1 }
    expect(await decodeCodings(['gzip'], gzipSync(TEXT), below)).toEqual({
      ok: true,
      bytes: TEXT,
      size: TEXT.length,
      overLimit: true
    })
  })

  it('stops one 64 KiB chunk past the limit, whatever the coding', async () => {
    const big = Buffer.alloc(1024 * 1024, 0x61)
    const limits = { keep: 4, limit: 10, partial: false }
    const stopped = {
      ok: true,
      bytes: Buffer.from('aaaa'),
      size: 64 * 1024,
      overLimit: true
    }
    expect(await decodeCodings(['gzip'], gzipSync(big), limits)).toEqual(stopped)
    expect(await decodeCodings(['x-gzip'], gzipSync(big), limits)).toEqual(stopped)
    expect(await decodeCodings(['deflate'], deflateSync(big), limits)).toEqual(stopped)
    expect(await decodeCodings(['br'], brotliCompressSync(big), limits)).toEqual(stopped)
  })

  it('decodes the start of a body cut short only when told it is partial', async () => {
    const long = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 10007).join(','))
    for (const [coding, coded] of [
      ['gzip', gzipSync(long)],
      ['deflate', deflateSync(long)],
      ['br', brotliCompressSync(long)]
    ] as const) {
      const cut = coded.subarray(0, coded.length >> 1)
      const whole = { keep: 10, limit: 1_000_000 }
      const partial = await decodeCodings([coding], cut, { ...whole, partial: true })
      expect(partial).toMatchObject({ ok: true, bytes: long.subarray(0, 10) })
      expect(await decodeCodings([coding], cut, { ...whole, partial: false })).toMatchObject({
        ok: false
      })
    }
  })
})

describe('the decompression-bomb limit', () => {
  it('is 64 MiB: a body decoding to one byte more is over it, one of exactly 64 MiB is not', async () => {
    const limits = { keep: 0, limit: MAX_DECODED_BYTES, partial: false }
    const exact = await decodeCodings(['gzip'], gzipSync(Buffer.alloc(64 * 1024 * 1024)), limits)
    expect(exact).toEqual({
      ok: true,
      bytes: Buffer.alloc(0),
      size: 64 * 1024 * 1024,
      overLimit: false
    })
    const over = await decodeCodings(['gzip'], gzipSync(Buffer.alloc(64 * 1024 * 1024 + 1)), limits)
    expect(over).toMatchObject({ ok: true, overLimit: true })
    expect(overLimitText(MAX_DECODED_BYTES)).toBe(
      'it decodes to more than 64 MiB, so it was not decoded'
    )
  })
})
