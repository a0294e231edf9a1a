/** The sequence diagram as data: what happened, between whom, when. Drawn by FlowDiagram. */

export type LaneId = 'user' | 'trialkit' | 'network' | 'endpoint' | 'target'

export type Tone = 'normal' | 'ok' | 'error' | 'warn' | 'muted'

export interface FlowLane {
  id: LaneId
  title: string
  subtitle: string
  /** Never reached, not listening, or not known: drawn faint and dashed. */
  absent: boolean
}

/**
 * An arrow from one lane to another. It leaves at `atMs` and arrives at `endMs` (a slanted
 * arrow is a transfer that took time). `cross` ends it short with a ✕: it never arrived.
 */
export interface FlowMessage {
  kind: 'message'
  id: string
  from: LaneId
  to: LaneId
  atMs: number
  endMs: number
  label: string
  detail: string
  tone: Tone
  line: 'solid' | 'dashed' | 'zigzag'
  end: 'arrow' | 'cross'
  /** The request on its way while the dispatch is pending (animated unless motion is reduced). */
  travelling?: boolean
  description: string
}

/** Something that happens in one lane: a capture, a give-up, a refusal, what the user sees. */
export interface FlowMark {
  kind: 'mark'
  id: string
  lane: LaneId
  atMs: number
  label: string
  detail: string
  tone: Tone
  shape: 'dot' | 'cross' | 'screen'
  description: string
}

export type FlowStep = FlowMessage | FlowMark

/** A stretch of time in a lane: the user blocked, TrialKit waiting, the connection open. */
export interface FlowSpan {
  id: string
  lane: LaneId
  fromMs: number
  /** null: still going on at the end of what is known (a hang, or live). */
  toMs: number | null
  role: 'blocked' | 'wait' | 'connection' | 'hold'
  tone: Tone
}

export interface FlowTick {
  atMs: number
  label: string
}

export interface FlowModel {
  lanes: FlowLane[]
  /** In time order. */
  steps: FlowStep[]
  spans: FlowSpan[]
  /** Connect, first byte and last byte, as measured. */
  ticks: FlowTick[]
  /** The hook's timeout; for a capture alone, TrialKit's default as a reference. */
  timeoutMs: number | null
  timeoutLabel: string
  /** How long the whole exchange took, as measured; null when not known. */
  totalMs: number | null
  /** Pending: the time so far and what is left of the timeout. */
  live: { elapsedMs: number; leftMs: number } | null
  /** What the TrialKit user sees (or would see), in words. */
  outcome: { state: 'saved' | 'error' | 'pending' | 'unknown'; text: string }
  /** A replay's source or a forwarding note, shown above the lanes. */
  banner: string | null
  /** One sentence for the diagram's <desc>. */
  summary: string
}
