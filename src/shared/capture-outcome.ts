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

/** What a caller that left was due, for the faults that answer at a moment (not hang, slow-body). */
const DUE: Record<'none' | 'drop' | 'reset', (status: number) => string> = {
  none: (status) => `the ${status}`,
  drop: () => 'the drop',
  reset: () => 'the reset'
}

/** The caller left before the receiver's answer (or its whole body) went out. */
function leftBeforeAnswer(response: Capture['response'], afterMs: number): CaptureOutcome {
  const { status, delayMs, fault } = response
  const left = formatWait(afterMs)
  if (fault === 'hang') {
    return {
      brief: 'no answer',
      text: `No answer: held until the caller left after ${left}`,
      answered2xx: false
    }
  }
  if (fault === 'slow-body') {
    return {
      brief: `${status} cut`,
      text: `Answered ${status} slowly: the caller left after ${left}, before the body was all sent (due over ${formatWait(delayMs)})`,
      answered2xx: false
    }
  }
  return {
    brief: 'no answer',
    text: `No answer: the caller left after ${left}, before ${DUE[fault](status)} due at ${formatWait(delayMs)}`,
    answered2xx: false
  }
}

/** What the receiver did, as it did it: the answer, the fault, or that nothing went out. */
function asAnswered(response: Capture['response']): CaptureOutcome {
  const { status, delayMs, fault } = response
  const after = delayMs > 0 ? ` after ${formatWait(delayMs)}` : ''
  switch (fault) {
    case 'hang':
      return {
        brief: 'hang',
        text: 'No answer: the connection is held open until the caller leaves',
        answered2xx: false
      }
    case 'drop':
      return { brief: 'dropped', text: `Connection dropped${after}`, answered2xx: false }
    case 'reset':
      return { brief: 'reset', text: `Connection reset${after}`, answered2xx: false }
    case 'slow-body':
      return {
        brief: String(status),
        text: `Answered ${status}, its body sent slowly over ${formatWait(delayMs)}`,
        answered2xx: status >= 200 && status < 300
      }
    case 'none':
      return {
        brief: String(status),
        text: `Answered ${status} after ${formatWait(delayMs)}`,
        answered2xx: status >= 200 && status < 300
      }
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
