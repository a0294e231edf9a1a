import { FAULTS, type Fault } from './wire-schemas'

/** What the connection gets instead of an answer: held open, closed (FIN) or reset (RST). */
export type FaultInstead = 'hold' | 'close' | 'reset'

/** A fault that sends an HTTP answer (status, headers, body), perhaps slowly. */
interface Answering {
  answers: true
  instead: null
  /** The body goes out in pieces over the delay instead of whole after it. */
  trickles: boolean
}

/** A fault that sends no HTTP answer at all. */
interface Silent {
  answers: false
  /** Held open until the caller leaves (the delay does not matter), or ended after the delay. */
  instead: FaultInstead
  trickles: false
}

/**
 * Everything outside the receiver knows about a fault. The two shapes keep a row honest: a fault
 * that answers has nothing instead, and one that does not has no body to trickle.
 */
export type FaultInfo = {
  /** Its name in the behaviour form's pickers. */
  label: string
  /** What it does, as an instruction: the pickers' tooltip and `listen --help`. */
  help: string
} & (Answering | Silent)

/**
 * The receiver's faults, one row each. With `FAULTS` (wire-schemas.ts) and the receiver's
 * `deliver.ts` this is the whole of a fault: the form, the flow diagram, the capture lines,
 * `listen`'s summary and `--help` and the outcome sentences read these facts and never compare
 * fault names, so a fault added here needs nothing else outside the receiver but its words in
 * docs/CLI.md (test/unit/shared/fault-table.test.ts holds the page to this table).
 */
export const FAULT_TABLE: Record<Fault, FaultInfo> = {
  none: { label: 'None', help: 'Answer normally', answers: true, instead: null, trickles: false },
  hang: {
    label: 'Hang',
    help: 'Never answer, keep the connection open',
    answers: false,
    instead: 'hold',
    trickles: false
  },
  drop: {
    label: 'Drop',
    help: 'Close the connection without an answer',
    answers: false,
    instead: 'close',
    trickles: false
  },
  reset: {
    label: 'Reset (RST)',
    help: 'Reset the connection with a TCP RST',
    answers: false,
    instead: 'reset',
    trickles: false
  },
  'slow-body': {
    label: 'Slow body',
    help: 'Send the headers now and trickle the body over the delay',
    answers: true,
    instead: null,
    trickles: true
  }
}

/** Answering as set, without a fault: the default every behaviour starts from. */
export const NO_FAULT = 'none' satisfies Fault

/**
 * Whether the receiver holds the connection open with no answer until the caller leaves: the
 * one case where the delay means nothing and the wait has no end of its own.
 */
export function holdsOpen(fault: Fault): boolean {
  return FAULT_TABLE[fault].instead === 'hold'
}

/**
 * Every fault and what it does, for a command line's help and its reference page:
 * "none (answer normally), hang (never answer, keep the connection open), …".
 */
export function faultChoicesText(): string {
  return FAULTS.map((f) => `${f} (${faultHelpPhrase(f)})`).join(', ')
}

/** A fault's help inside a sentence: "close the connection without an answer". */
export function faultHelpPhrase(fault: Fault): string {
  const help = FAULT_TABLE[fault].help
  return help.charAt(0).toLowerCase() + help.slice(1)
}
