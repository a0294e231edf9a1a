import { FAULT_TABLE } from './faults'
import type { Capture } from './history-schemas'

/** What became of a captured request, in words: short for a column, whole for a sentence. */
export interface CaptureOutcome {
  /** A column's worth: "200", "hang", "no answer", "reset". */
  brief: string
  /** What happened, as a sentence: "No answer: held until the caller left after 2.0 s". */
  text: string
  /** A 2xx went out whole. */
  answered2xx: boolean
}

/** "350 ms" under a second, "2.0 s" from there: a wait as a person reads it. */
export function formatWait(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

/**
 * What was due when the caller left: "the 200", "the drop", "the reset". A held request never had
 * anything due, and leftBeforeAnswer tells it apart before asking.
 */
function due({ status, fault }: Capture['response']): string {
  const instead = FAULT_TABLE[fault].instead
  if (instead === 'close') return 'the drop'
  if (instead === 'reset') return 'the reset'
  return `the ${status}`
}

/** The caller left before the receiver's answer (or its whole body) went out. */
function leftBeforeAnswer(response: Capture['response'], afterMs: number): CaptureOutcome {
  const { status, delayMs, fault } = response
  const left = formatWait(afterMs)
  const info = FAULT_TABLE[fault]
  if (info.instead === 'hold') {
    return {
      brief: 'no answer',
      text: `No answer: held until the caller left after ${left}`,
      answered2xx: false
    }
  }
  if (info.trickles) {
    return {
      brief: `${status} cut`,
      text: `Answered ${status} slowly: the caller left after ${left}, before the body was all sent (due over ${formatWait(delayMs)})`,
      answered2xx: false
    }
  }
  return {
    brief: 'no answer',
    text: `No answer: the caller left after ${left}, before ${due(response)} due at ${formatWait(delayMs)}`,
    answered2xx: false
  }
}

/** What the receiver did, as it did it: the answer, the fault, or that nothing went out. */
function asAnswered(response: Capture['response']): CaptureOutcome {
  const { status, delayMs, fault } = response
  const after = delayMs > 0 ? ` after ${formatWait(delayMs)}` : ''
  const info = FAULT_TABLE[fault]
  if (info.answers) {
    const answered2xx = status >= 200 && status < 300
    return info.trickles
      ? {
          brief: String(status),
          text: `Answered ${status}, its body sent slowly over ${formatWait(delayMs)}`,
          answered2xx
        }
      : {
          brief: String(status),
          text: `Answered ${status} after ${formatWait(delayMs)}`,
          answered2xx
        }
  }
  switch (info.instead) {
    case 'hold':
      return {
        brief: 'hang',
        text: 'No answer: the connection is held open until the caller leaves',
        answered2xx: false
      }
    case 'close':
      return { brief: 'dropped', text: `Connection dropped${after}`, answered2xx: false }
    case 'reset':
      return { brief: 'reset', text: `Connection reset${after}`, answered2xx: false }
  }
}

/**
 * What a capture's request got, said as it happened: an answer is "Answered 200 after 0 ms", and
 * a hang, drop, reset or a caller that left is never made to read as an answer.
 */
export function captureOutcome(capture: Pick<Capture, 'response' | 'unfinished'>): CaptureOutcome {
  const unfinished = capture.unfinished
  if (unfinished === undefined) return asAnswered(capture.response)
  const after = formatWait(unfinished.afterMs)
  switch (unfinished.how) {
    case 'left-mid-body':
      return {
        brief: 'no answer',
        text: `No answer: the caller left after ${after}, before its request body was complete`,
        answered2xx: false
      }
    case 'body-stalled':
      return {
        brief: 'no answer',
        text: `No answer: the request body stopped arriving, and the receiver closed the connection after ${after}`,
        answered2xx: false
      }
    case 'left-before-answer':
      return leftBeforeAnswer(capture.response, unfinished.afterMs)
    case 'behind-closed':
      return {
        brief: 'no answer',
        text: 'No answer: it came on a connection that an earlier answer was closing',
        answered2xx: false
      }
  }
}
