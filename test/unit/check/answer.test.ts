import { describe, expect, it } from 'vitest'
import type { Exchange } from '@shared/schemas'
import { answerOf, completeStatus, describeAnswer } from '@main/engine/check/answer'
import { bodyText, exchangeEvidence, formatSeconds } from '@main/engine/check/describe-exchange'
import { hasNonAscii, notRun } from '@main/engine/check/evidence'
import { percentile } from '@main/engine/check/percentiles'
import { answered, makeExchange } from '../engine/check-fixture'

/** What an answer means to the check, and how an exchange is said in evidence. */

const withError = (ex: Exchange, kind: NonNullable<Exchange['error']>['kind']): Exchange => ({
  ...ex,
  error: { kind, message: `${kind} happened` }
})

describe('answerOf', () => {
  it('reads each status range at its bounds', () => {
    const kinds = [199, 200, 299, 300, 399, 400, 401, 403, 404, 499, 500].map((s) => [
      s,
      answerOf(answered(s)).kind
    ])
    expect(kinds).toEqual([
      [199, 'server-error'],
      [200, 'accepted'],
      [299, 'accepted'],
      [300, 'redirect'],
      [399, 'redirect'],
      [400, 'client-error'],
      [401, 'refused'],
      [403, 'refused'],
      [404, 'client-error'],
      [499, 'client-error'],
      [500, 'server-error']
    ])
    expect(answerOf(answered(418))).toEqual({ kind: 'client-error', status: 418 })
  })

  it('headers whose body never completed are no answer, named by the error', () => {
    expect(answerOf(withError(answered(200), 'timeout'))).toEqual({
      kind: 'no-answer',
      error: 'timeout'
    })
    expect(answerOf(withError(answered(200), 'connection-reset'))).toEqual({
      kind: 'no-answer',
      error: 'connection-reset'
    })
    expect(answerOf(withError(answered(200), 'dns'))).toEqual({ kind: 'no-answer', error: 'dns' })
  })

  it('an HTTP status error is the answer it names; with no response it is no answer', () => {
    expect(answerOf(answered(502))).toEqual({ kind: 'server-error', status: 502 })
    const lost = { ...answered(502), response: null }
    expect(answerOf(lost)).toEqual({ kind: 'no-answer', error: 'http-status' })
    expect(answerOf(makeExchange({ response: null, error: null }))).toEqual({
      kind: 'no-answer',
      error: 'connection-reset'
    })
  })

  it('makes a redirect target absolute and trims it; a blank one is none', () => {
    const to = (location: string) =>
      answerOf(answered(302, 5, [['LOCATION', location]])) as { location: string | null }
    expect(to('  /next  ').location).toBe('http://127.0.0.1:4700/next')
    expect(to('   ').location).toBeNull()
    expect(to(' http://[bad ').location).toBe('http://[bad')
    expect(answerOf(answered(302))).toEqual({ kind: 'redirect', status: 302, location: null })
    const after = answerOf(
      answered(303, 5, [
        ['Content-Type', 'text/html'],
        ['Location', '/done']
      ])
    )
    expect(after).toEqual({ kind: 'redirect', status: 303, location: 'http://127.0.0.1:4700/done' })
  })

  it('is described in short words, and a complete answer has a status', () => {
    expect(describeAnswer({ kind: 'redirect', status: 302, location: null })).toBe('302 redirect')
    expect(describeAnswer({ kind: 'redirect', status: 301, location: 'http://x/' })).toBe(
      '301 redirect to http://x/'
    )
    expect(describeAnswer({ kind: 'no-answer', error: 'timeout' })).toBe('timeout')
    expect(describeAnswer({ kind: 'accepted', status: 204 })).toBe('HTTP 204')
    expect(completeStatus(answered(404))).toBe(404)
    expect(completeStatus(withError(answered(200), 'timeout'))).toBeNull()
  })
})

describe('evidence words', () => {
  it('says an exchange with neither answer nor error as unknown', () => {
    const ex = makeExchange({ response: null, error: null })
    expect(exchangeEvidence('insert', ex)).toBe('insert: HTTP ? in 1 ms')
  })

  it('reads a body as UTF-8', () => {
    const ex = answered(200)
    const text = 'prüfung ✓'
    const withBody = {
      ...ex,
      response: { ...ex.response!, bodyBase64: Buffer.from(text).toString('base64') }
    }
    expect(bodyText(withBody)).toBe(text)
    expect(bodyText(makeExchange({ response: null }))).toBe('')
  })

  it('formats seconds at each bound', () => {
    expect(formatSeconds(50)).toBe('0.05 s')
    expect(formatSeconds(100)).toBe('0.1 s')
    expect(formatSeconds(9_940)).toBe('9.9 s')
    expect(formatSeconds(10_000)).toBe('10 s')
    expect(formatSeconds(12_500)).toBe('13 s')
  })

  it('strips a leading "Not run:" from a reason, and only there', () => {
    expect(notRun('x', 'X', 'Not run:   the budget ran out').reason).toBe('the budget ran out')
    expect(notRun('x', 'X', 'not run: it hung.').summary).toBe('Not run: it hung.')
    expect(notRun('x', 'X', 'the probe was not run: no time').reason).toBe(
      'the probe was not run: no time'
    )
  })

  it('counts only characters past 0x7f as non-ASCII', () => {
    expect(hasNonAscii('pass\x7f')).toBe(false)
    expect(hasNonAscii('pass\x80')).toBe(true)
  })

  it('takes the nearest-rank percentile, and none of nothing', () => {
    expect(percentile([], 95)).toBeNull()
    expect(percentile([30, 10, 20], 50)).toBe(20)
    expect(percentile([30, 10, 20], 95)).toBe(30)
    expect(percentile([30, 10, 20], 0)).toBe(10)
  })
})
