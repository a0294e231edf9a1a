import { describe, expect, it } from 'vitest'
import { captureOutcome, formatWait } from '@shared/capture-outcome'
import type { Capture, Unfinished } from '@shared/schemas'

function outcome(
  response: Partial<Capture['response']>,
  unfinished?: Unfinished
): ReturnType<typeof captureOutcome> {
  return captureOutcome({
    response: { status: 200, delayMs: 0, fault: 'none', ...response },
    ...(unfinished ? { unfinished } : {})
  })
}

describe('captureOutcome: what a captured request got, as it happened', () => {
  it('an answer that went out is an answer, with its delay', () => {
    expect(outcome({})).toEqual({
      brief: '200',
      text: 'Answered 200 after 0 ms',
      answered2xx: true
    })
    expect(outcome({ status: 503, delayMs: 2500 })).toEqual({
      brief: '503',
      text: 'Answered 503 after 2.5 s',
      answered2xx: false
    })
    expect(outcome({ fault: 'slow-body', delayMs: 3000 }).text).toBe(
      'Answered 200, its body sent slowly over 3.0 s'
    )
  })

  it('a hang, a drop and a reset never read as an answer', () => {
    const hang = outcome({ status: 0, fault: 'hang' })
    expect(hang.text).toBe('No answer: the connection is held open until the caller leaves')
    expect(hang.answered2xx).toBe(false)
    expect(outcome({ status: 0, fault: 'drop' }).text).toBe('Connection dropped')
    expect(outcome({ status: 0, fault: 'reset', delayMs: 500 }).text).toBe(
      'Connection reset after 500 ms'
    )
    for (const fault of ['hang', 'drop', 'reset'] as const) {
      expect(outcome({ status: 0, fault }).text).not.toMatch(/Answered/)
    }
  })

  it('a caller that left says when, and what it did not wait for', () => {
    const left = (afterMs: number): Unfinished => ({ how: 'left-before-answer', afterMs })
    expect(outcome({ status: 0, fault: 'hang' }, left(2000))).toMatchObject({
      brief: 'no answer',
      text: 'No answer: held until the caller left after 2.0 s',
      answered2xx: false
    })
    expect(outcome({ delayMs: 60_000 }, left(30_000)).text).toBe(
      'No answer: the caller left after 30.0 s, before the 200 due at 60.0 s'
    )
    expect(outcome({ status: 0, fault: 'drop', delayMs: 5000 }, left(1000)).text).toBe(
      'No answer: the caller left after 1.0 s, before the drop due at 5.0 s'
    )
    expect(outcome({ fault: 'slow-body', delayMs: 8000 }, left(2000))).toMatchObject({
      brief: '200 cut',
      text: 'Answered 200 slowly: the caller left after 2.0 s, before the body was all sent (due over 8.0 s)',
      answered2xx: false
    })
  })

  it('a request that got no answer at all says why', () => {
    const none = { status: 0 }
    expect(outcome(none, { how: 'left-mid-body', afterMs: 40 }).text).toBe(
      'No answer: the caller left after 40 ms, before its request body was complete'
    )
    expect(outcome(none, { how: 'body-stalled', afterMs: 30_000 }).text).toBe(
      'No answer: the request body stopped arriving, and the receiver closed the connection after 30.0 s'
    )
    expect(outcome(none, { how: 'behind-closed', afterMs: 0 }).text).toBe(
      'No answer: it came on a connection that an earlier answer was closing'
    )
  })

  it('formats a wait in ms below a second and in tenths of seconds above', () => {
    expect(formatWait(0)).toBe('0 ms')
    expect(formatWait(999)).toBe('999 ms')
    expect(formatWait(1000)).toBe('1.0 s')
    expect(formatWait(61_250)).toBe('61.3 s')
  })
})
