import { describe, expect, it } from 'vitest'
import { prepareAnswer } from '@main/engine/receiver/answers'
import type { ResolvedAnswer } from '@main/engine/receiver/resolve-behavior'

function resolved(over: Partial<ResolvedAnswer>): ResolvedAnswer {
  return {
    status: 200,
    headers: [['Content-Type', 'text/plain']],
    body: 'hello',
    delayMs: 0,
    fault: 'none',
    ...over
  } as ResolvedAnswer
}

describe('prepareAnswer with a reused header list', () => {
  it('gives each body text its own bytes and Content-Length', () => {
    const headers: ResolvedAnswer['headers'] = [['X-A', '1']]
    const first = prepareAnswer(resolved({ headers, body: 'one' }))
    const second = prepareAnswer(resolved({ headers, body: 'three' }))
    expect(first.body.toString()).toBe('one')
    expect(second.body.toString()).toBe('three')
    expect(second.headers).toEqual(['X-A', '1', 'Content-Length', '5'])
  })

  it('reuses the prepared bytes for the same list and text', () => {
    const headers: ResolvedAnswer['headers'] = [['X-A', '1']]
    const a = prepareAnswer(resolved({ headers }))
    const b = prepareAnswer(resolved({ headers }))
    expect(b.body).toBe(a.body)
    expect(b.headers).toBe(a.headers)
  })

  it('drops the body and Content-Length for a 204 after a 200 with the same list', () => {
    const headers: ResolvedAnswer['headers'] = [['X-A', '1']]
    prepareAnswer(resolved({ headers }))
    const empty = prepareAnswer(resolved({ headers, status: 204 }))
    expect(empty.body.length).toBe(0)
    expect(empty.headers).toEqual(['X-A', '1'])
  })

  it('answers 500 naming a bad header every time, not only the first', () => {
    const headers: ResolvedAnswer['headers'] = [['Bad Name', 'x']]
    for (let i = 0; i < 2; i++) {
      const answer = prepareAnswer(resolved({ headers }))
      expect(answer.status).toBe(500)
      const payload = JSON.parse(answer.body.toString()) as { message: string }
      expect(payload.message).toContain('"Bad Name"')
    }
  })
})
