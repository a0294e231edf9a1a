import { describe, expect, it } from 'vitest'
import { captureOutcome } from '@shared/capture-outcome'
import type { Capture, Unfinished } from '@shared/schemas'

/** Each outcome as a whole object: the column word, the sentence and whether a 2xx went out. */

function outcome(
  response: Partial<Capture['response']>,
  unfinished?: Unfinished
): ReturnType<typeof captureOutcome> {
  return captureOutcome({
    response: { status: 200, delayMs: 0, fault: 'none', ...response },
    ...(unfinished ? { unfinished } : {})
  })
}

describe('captureOutcome, whole', () => {
  it('counts only 200–299 as a 2xx, for a plain answer and a slow body alike', () => {
    for (const fault of ['none', 'slow-body'] as const) {
      expect(outcome({ status: 199, fault }).answered2xx).toBe(false)
      expect(outcome({ status: 200, fault }).answered2xx).toBe(true)
      expect(outcome({ status: 299, fault }).answered2xx).toBe(true)
      expect(outcome({ status: 300, fault }).answered2xx).toBe(false)
    }
  })

  it('a slow body is an answer with its status as the column', () => {
    expect(outcome({ status: 201, fault: 'slow-body', delayMs: 1500 })).toEqual({
      brief: '201',
      text: 'Answered 201, its body sent slowly over 1.5 s',
      answered2xx: true
    })
  })

  it('a hang, a drop and a reset, whole', () => {
    expect(outcome({ status: 0, fault: 'hang', delayMs: 900 })).toEqual({
      brief: 'hang',
      text: 'No answer: the connection is held open until the caller leaves',
      answered2xx: false
    })
    expect(outcome({ status: 0, fault: 'drop', delayMs: 1200 })).toEqual({
      brief: 'dropped',
      text: 'Connection dropped after 1.2 s',
      answered2xx: false
    })
    expect(outcome({ status: 0, fault: 'reset' })).toEqual({
      brief: 'reset',
      text: 'Connection reset',
      answered2xx: false
    })
  })

  it('a caller that left before a reset or a plain answer, whole', () => {
    const left: Unfinished = { how: 'left-before-answer', afterMs: 250 }
    expect(outcome({ status: 0, fault: 'reset', delayMs: 4000 }, left)).toEqual({
      brief: 'no answer',
      text: 'No answer: the caller left after 250 ms, before the reset due at 4.0 s',
      answered2xx: false
    })
    expect(outcome({ status: 204, delayMs: 900 }, left)).toEqual({
      brief: 'no answer',
      text: 'No answer: the caller left after 250 ms, before the 204 due at 900 ms',
      answered2xx: false
    })
  })

  it('a request that never got an answer, whole', () => {
    const answer = { status: 200, fault: 'none' as const }
    expect(outcome(answer, { how: 'left-mid-body', afterMs: 1000 })).toEqual({
      brief: 'no answer',
      text: 'No answer: the caller left after 1.0 s, before its request body was complete',
      answered2xx: false
    })
    expect(outcome(answer, { how: 'body-stalled', afterMs: 20 })).toEqual({
      brief: 'no answer',
      text: 'No answer: the request body stopped arriving, and the receiver closed the connection after 20 ms',
      answered2xx: false
    })
    expect(outcome(answer, { how: 'behind-closed', afterMs: 0 })).toEqual({
      brief: 'no answer',
      text: 'No answer: it came on a connection that an earlier answer was closing',
      answered2xx: false
    })
  })
})
