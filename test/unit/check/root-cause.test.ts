import { describe, expect, it } from 'vitest'
import type { Exchange } from '@shared/schemas'
import type { CheckEvidence } from '@main/engine/check/evidence'
import { rootCauseOf, sharedStatusReason, statusName } from '@main/engine/check/root-cause'
import { answered, evidence, failed, makeExchange } from '../engine/check-fixture'

/** The root cause, whole: the status, the endpoint's words and what was sent that they are about. */

function answer(status: number, body = '', headers: [string, string][] = []): Exchange {
  const ex = answered(status, 40, headers)
  return {
    ...ex,
    request: { ...ex.request, headers: [['Content-Type', 'application/json; charset=utf-8']] },
    response: {
      ...ex.response!,
      bodyBase64: Buffer.from(body).toString('base64'),
      bodySize: Buffer.byteLength(body)
    }
  }
}

const every = (make: () => Exchange, patch: Partial<CheckEvidence> = {}): CheckEvidence =>
  evidence({ samples: { insert: [make()], update: [make()], review: [make()] }, ...patch })

const EVERY = 'Every event (insert, update, review) got'

describe('rootCauseOf', () => {
  it('is null unless every event got the same refusal', () => {
    expect(rootCauseOf(evidence())).toBeNull()
  })

  it('a 415 quotes the endpoint and names the Content-Type TrialKit sent', () => {
    const ev = every(() =>
      answer(415, '{"error":"Unsupported Media Type: expected application/json"}')
    )
    const lines = (['insert', 'update', 'review'] as const).map(
      (e) =>
        `${e} #1: HTTP 415, http-status after 40 ms — The hook answered HTTP 415.; body: {"error":"Unsupported Media Type: expected application/json"}`
    )
    expect(rootCauseOf(ev)).toEqual({
      summary: `${EVERY} HTTP 415 Unsupported Media Type, answering {"error":"Unsupported Media Type: expected application/json"}. It is about the Content-Type TrialKit sends, "application/json; charset=utf-8": the endpoint must accept it as sent (with the charset), since TrialKit cannot change it.`,
      evidence: [...lines, 'sent Content-Type: application/json; charset=utf-8']
    })
  })

  it('a 415 to a request with no Content-Type says so', () => {
    const ev = every(() => ({ ...answer(415), request: { ...answer(415).request, headers: [] } }))
    const cause = rootCauseOf(ev)!
    expect(cause.summary).toBe(
      `${EVERY} HTTP 415 Unsupported Media Type, with an empty body. It is about the Content-Type TrialKit sends, "(none)": the endpoint must accept it as sent (with the charset), since TrialKit cannot change it.`
    )
    expect(cause.evidence.at(-1)).toBe('sent Content-Type: (none)')
  })

  it('a 404 says which URL answers, from the slash probe', () => {
    const probe = makeExchange({
      id: 'probe',
      request: { ...answer(200).request, url: 'http://127.0.0.1:9/hook/' },
      response: answer(200).response,
      error: null
    })
    const ev = every(() => answer(404), { slashProbe: probe })
    expect(rootCauseOf(ev)).toEqual({
      summary: `${EVERY} HTTP 404 Not Found, with an empty body. http://127.0.0.1:9/hook/ answers HTTP 200: use http://127.0.0.1:9/hook/ as the hook URL.`,
      evidence: [
        'insert #1: HTTP 404, http-status after 40 ms — The hook answered HTTP 404.',
        'update #1: HTTP 404, http-status after 40 ms — The hook answered HTTP 404.',
        'review #1: HTTP 404, http-status after 40 ms — The hook answered HTTP 404.',
        'http://127.0.0.1:9/hook/: HTTP 200 in 1 ms'
      ]
    })
  })

  it('a 404 with no other URL answering says to check the hook URL', () => {
    expect(rootCauseOf(every(() => answer(404)))!.summary).toBe(
      `${EVERY} HTTP 404 Not Found, with an empty body. Nothing answers at this path: check the hook URL.`
    )
    const slash = (p: Exchange): Exchange => ({
      ...p,
      request: { ...p.request, url: 'http://127.0.0.1:9/hook/' }
    })
    const notFound = rootCauseOf(every(() => answer(404), { slashProbe: slash(answer(404)) }))!
    expect(notFound.summary).toBe(
      `${EVERY} HTTP 404 Not Found, with an empty body. http://127.0.0.1:9/hook/ answers HTTP 404 Not Found too: nothing answers at this path, check the hook URL.`
    )
    const reset = rootCauseOf(
      every(() => answer(404), { slashProbe: slash(failed('connection-reset')) })
    )!
    expect(reset.summary).toBe(
      `${EVERY} HTTP 404 Not Found, with an empty body. http://127.0.0.1:9/hook/ answers connection-reset too: nothing answers at this path, check the hook URL.`
    )
  })

  it('a 405 is about the method, a 429 about rate limiting with its Retry-After', () => {
    expect(rootCauseOf(every(() => answer(405)))!.summary).toBe(
      `${EVERY} HTTP 405 Method Not Allowed, with an empty body. It is about the method: TrialKit always sends POST.`
    )
    expect(rootCauseOf(every(() => answer(429, '', [['Retry-After', ' 30 ']])))!.summary).toBe(
      `${EVERY} HTTP 429 Too Many Requests, with an empty body. The endpoint is rate limiting (Retry-After: 30): site users saving together will see ProtocolErrors.`
    )
    expect(rootCauseOf(every(() => answer(429)))!.summary).toBe(
      `${EVERY} HTTP 429 Too Many Requests, with an empty body. The endpoint is rate limiting: site users saving together will see ProtocolErrors.`
    )
  })

  it('a 5xx is an error on every event; another 4xx is about the body', () => {
    expect(rootCauseOf(every(() => answer(500)))!.summary).toBe(
      `${EVERY} HTTP 500 Internal Server Error, with an empty body. The endpoint errors on every event TrialKit sends: every save shows the TrialKit user a ProtocolError.`
    )
    const body = rootCauseOf(every(() => answer(422, 'bad')))!
    expect(body.summary).toMatch(
      /^Every event \(insert, update, review\) got HTTP 422 Unprocessable Entity, answering bad\. It is about the body TrialKit sends \(\{"trans_id".{49}…\): TrialKit's events are fixed, so the endpoint must accept them as sent\.$/
    )
    expect(body.evidence).toHaveLength(3)
  })
})

describe('the headers it reads', () => {
  it('finds Retry-After and Content-Type among other headers, in any case', () => {
    const limited = every(() =>
      answer(429, '', [
        ['Content-Length', '0'],
        ['retry-after', '12']
      ])
    )
    expect(rootCauseOf(limited)!.summary).toBe(
      `${EVERY} HTTP 429 Too Many Requests, with an empty body. The endpoint is rate limiting (Retry-After: 12): site users saving together will see ProtocolErrors.`
    )
    const refused = every(() => {
      const ex = answer(415)
      const headers: [string, string][] = [
        ['Host', '127.0.0.1:9'],
        ['content-type', 'application/json; charset=utf-8']
      ]
      return { ...ex, request: { ...ex.request, headers } }
    })
    expect(rootCauseOf(refused)!.evidence.at(-1)).toBe(
      'sent Content-Type: application/json; charset=utf-8'
    )
  })
})

describe('the words around it', () => {
  it('names a status with its reason phrase when there is one', () => {
    expect(statusName(415)).toBe('HTTP 415 Unsupported Media Type')
    expect(statusName(599)).toBe('HTTP 599')
    expect(sharedStatusReason(415)).toBe('every event got HTTP 415')
  })
})
