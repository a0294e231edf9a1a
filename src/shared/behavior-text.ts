import { FAULT_TABLE, NO_FAULT } from './faults'
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

/** How an answer goes out for every request, from the fault's facts (shared/faults.ts). */
function answerWords(fault: Fault, status: number, delay: Delay): string {
  const info = FAULT_TABLE[fault]
  if (info.answers) {
    return info.trickles
      ? `sends the ${status} headers at once and trickles the body over ${delayText(delay).replace(/^after /, '')}`
      : `answers ${status} ${delayText(delay)}`
  }
  switch (info.instead) {
    case 'hold':
      return 'holds the connection open and never answers'
    case 'close':
      return `closes the connection without an answer${after(delay)}`
    case 'reset':
      return `resets the connection (TCP RST) without an answer${after(delay)}`
  }
}

/** What the share of requests that fail gets, from the fault's facts. */
function failedWords(fault: Fault, status: number): string {
  const info = FAULT_TABLE[fault]
  if (info.answers) return info.trickles ? `get ${status} with the body trickled` : `get ${status}`
  switch (info.instead) {
    case 'hold':
      return 'are held open and never answered'
    case 'close':
      return 'are dropped without an answer'
    case 'reset':
      return 'are reset (TCP RST)'
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
    b.fault === NO_FAULT && b.status === 401 && b.expectedAuth === null
      ? `Answers 401 to every request ${delayText(b.delay)}, whatever credentials it carries`
      : capitalize(answerWords(b.fault, b.status, b.delay))
  if (b.expectedAuth !== null) line += '; without the expected credentials, 401'
  if (b.failure.rate > 0) {
    const share = `${Math.round(b.failure.rate * 100)}%`
    const failed = failedWords(b.failure.fault, b.failure.status)
    line += `; ${share} of requests, chosen at random, ${failed} instead`
  }
  return `${line}.`
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
