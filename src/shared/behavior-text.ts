import type { Behavior, Fault } from './schemas'

type Delay = Behavior['delay']

/** "at once", "after 7 s", "after 2–4 s": the delay as a person says it. */
export function delayText(delay: Delay): string {
  const s = (ms: number): string => {
    const v = ms / 1000
    return Number.isInteger(v) ? String(v) : v.toFixed(1)
  }
  if (delay.maxMs === 0) return 'at once'
  if (delay.minMs === delay.maxMs) return `after ${s(delay.minMs)} s`
  return `after ${s(delay.minMs)}–${s(delay.maxMs)} s`
}

/**
 * How an answer goes out, by fault, for every request and for the share that fails: the compiler
 * names a fault added without its words.
 */
const FAULT_WORDS: Record<
  Fault,
  { answer: (status: number, delay: Delay) => string; failed: (status: number) => string }
> = {
  none: {
    answer: (status, delay) => `answers ${status} ${delayText(delay)}`,
    failed: (status) => `get ${status}`
  },
  hang: {
    answer: () => 'holds the connection open and never answers',
    failed: () => 'are held open and never answered'
  },
  drop: {
    answer: (_, delay) => `closes the connection without an answer${after(delay)}`,
    failed: () => 'are dropped without an answer'
  },
  reset: {
    answer: (_, delay) => `resets the connection (TCP RST) without an answer${after(delay)}`,
    failed: () => 'are reset (TCP RST)'
  },
  'slow-body': {
    answer: (status, delay) =>
      `sends the ${status} headers at once and trickles the body over ${delayText(delay).replace(/^after /, '')}`,
    failed: (status) => `get ${status} with the body trickled`
  }
}

function after(delay: Delay): string {
  return delay.maxMs === 0 ? '' : ` ${delayText(delay)}`
}

/**
 * One line saying how a behaviour answers, made from its fields so that a preset's description
 * or a scenario step's note cannot drift from what the receiver does.
 */
export function describeBehavior(
  b: Pick<Behavior, 'status' | 'delay' | 'fault' | 'failure' | 'expectedAuth'>
): string {
  let line =
    b.fault === 'none' && b.status === 401 && b.expectedAuth === null
      ? `Answers 401 to every request ${delayText(b.delay)}, whatever credentials it carries`
      : capitalize(FAULT_WORDS[b.fault].answer(b.status, b.delay))
  if (b.expectedAuth !== null) line += '; without the expected credentials, 401'
  if (b.failure.rate > 0) {
    const share = `${Math.round(b.failure.rate * 100)}%`
    const failed = FAULT_WORDS[b.failure.fault].failed(b.failure.status)
    line += `; ${share} of requests, chosen at random, ${failed} instead`
  }
  return `${line}.`
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
