import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { bodySaysError, bodyStart } from '@main/engine/check/body-start'
import { makeExchange } from './check-fixture'

function answer(
  body: string | Buffer,
  headers: [string, string][] = []
): ReturnType<typeof makeExchange> {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  return makeExchange({
    response: {
      status: 200,
      statusText: 'OK',
      headers,
      bodyBase64: bytes.toString('base64'),
      bodySize: bytes.length,
      truncated: false
    }
  })
}

describe('the start of an answer body', () => {
  it('is decoded from its content coding, on one line, cut at 120 characters', () => {
    const text = `{"error":\n  "expected application/json",  "pad":"${'x'.repeat(200)}"}`
    const start = bodyStart(answer(gzipSync(text), [['Content-Encoding', 'gzip']]))
    expect(start).toBe(
      `{"error": "expected application/json", "pad":"${'x'.repeat(200)}`.slice(0, 119) + '…'
    )
    expect(start).toHaveLength(120)
  })

  it('is null for an empty body or no response', () => {
    expect(bodyStart(answer(''))).toBeNull()
    expect(bodyStart(answer('  \n '))).toBeNull()
    expect(bodyStart(makeExchange({ response: null }))).toBeNull()
  })

  it('keeps a body with an unknown coding as it came', () => {
    expect(bodyStart(answer('plain', [['Content-Encoding', 'zstd']]))).toBe('plain')
  })
})

describe('a 2xx whose body says it failed', () => {
  it.each([
    ['{"status":"error","message":"subject not found"}', 'subject not found'],
    ['{"success":false,"message":"locked"}', 'locked'],
    ['{"ok":false,"error":"no such form"}', 'no such form'],
    ['{"error":{"message":"site closed"}}', 'site closed'],
    ['{"error":{"code":7}}', '{"code":7}'],
    ['{"ok":false}', '{"ok":false}']
  ])('%s says %s', (body, words) => {
    expect(bodySaysError(answer(body))).toBe(words)
  })

  it.each([
    '{"ok":true}',
    '{"status":"saved"}',
    '{"error":null}',
    '{"error":false}',
    '{"error":""}',
    '{"success":true}',
    '[{"error":"in a list"}]',
    'not json',
    ''
  ])('%s says nothing of the kind', (body) => {
    expect(bodySaysError(answer(body))).toBeNull()
  })
})
