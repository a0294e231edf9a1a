import { HOOK_TIMEOUT_DEFAULT_S, type Capture, type Exchange } from '@shared/schemas'
import { captureOutcome } from '@shared/capture-outcome'
import { FAULT_TABLE } from '@shared/faults'
import { formatMs } from '@renderer/lib/format'
import type { FlowLane, FlowMark, FlowMessage, FlowModel, FlowSpan, FlowStep } from './flow-types'
import { FAULT_LABELS, at, captureSummary, hostOf, pathOf, shortMessage } from './flow-text'

type MessageInit = Omit<FlowMessage, 'kind' | 'endMs' | 'tone' | 'line' | 'end'> &
  Partial<Pick<FlowMessage, 'endMs' | 'tone' | 'line' | 'end'>>

/** Orders steps by time; steps at the same moment keep the order they were added in. */
export function byTime(steps: readonly FlowStep[]): FlowStep[] {
  return steps
    .map((s, i) => [s, i] as const)
    .sort((a, b) => a[0].atMs - b[0].atMs || a[1] - b[1])
    .map(([s]) => s)
}

/** An arrow, solid and arriving unless told otherwise. */
export function message(init: MessageInit): FlowMessage {
  return {
    kind: 'message',
    endMs: init.atMs,
    tone: 'normal',
    line: 'solid',
    end: 'arrow',
    ...init
  }
}

/** A moment in one lane. */
export function mark(init: Omit<FlowMark, 'kind'>): FlowMark {
  return { kind: 'mark', ...init }
}

/** What the receiver was set to do with a request: "answers 200 after 2.00 s", "hangs". */
export function planOf(cap: Capture): string {
  const { status, delayMs, fault } = cap.response
  const after = delayMs > 0 ? ` after ${formatMs(delayMs)}` : ''
  const info = FAULT_TABLE[fault]
  if (info.answers) {
    return info.trickles
      ? `answers ${status}, its body trickled over ${formatMs(delayMs)}`
      : `answers ${status}${after}`
  }
  switch (info.instead) {
    case 'hold':
      return 'holds it open, no answer'
    case 'close':
      return `closes the connection${after}, no answer`
    case 'reset':
      return `resets the connection (RST)${after}`
  }
}

/** The forward target's lane, for a capture the receiver sent on. */
export function targetLane(cap: Capture | null, leg: Exchange | null): FlowLane {
  return {
    id: 'target',
    title: 'Forward target',
    subtitle: hostOf(cap?.forward?.url ?? leg?.request.url ?? ''),
    absent: false
  }
}

/**
 * The extra hop when the receiver forwards: its request to the target and the target's answer
 * (or why it failed), on the same clock as the rest, `t0` being the diagram's start.
 */
export function forwardSteps(
  cap: Capture,
  leg: Exchange | null,
  t0: number,
  recvAt: number
): FlowStep[] {
  const forward = cap.forward
  if (!forward) return []
  if (!leg) {
    if (!forward.error) return []
    return [
      mark({
        id: 'forward-failed',
        lane: 'endpoint',
        atMs: recvAt,
        label: 'forward failed',
        detail: shortMessage(forward.error, 40),
        tone: 'error',
        shape: 'cross',
        description: `The receiver could not forward the request to ${forward.url}: ${forward.error}.`
      })
    ]
  }
  const start = Math.max(Date.parse(leg.startedAt) - t0, recvAt)
  const lt = leg.timings
  const sent = start + (lt.connectMs ?? 0)
  const steps: FlowStep[] = [
    message({
      id: 'forward',
      from: 'endpoint',
      to: 'target',
      atMs: sent,
      label: `forwards ${leg.request.method} ${pathOf(leg.request.url)}`,
      detail: `to ${hostOf(leg.request.url)}`,
      travelling: leg.state === 'pending',
      description: `${at(sent)} the receiver forwards the request to ${leg.request.url}.`
    })
  ]
  if (leg.state === 'pending') return steps
  const done = start + lt.totalMs
  if (leg.response) {
    const fb = start + (lt.firstByteMs ?? lt.totalMs)
    const ok = leg.response.status >= 200 && leg.response.status < 300
    steps.push(
      message({
        id: 'forward-answer',
        from: 'target',
        to: 'endpoint',
        atMs: fb,
        endMs: done,
        label: `${leg.response.status} ${leg.response.statusText}`.trim(),
        detail: 'passed back to the caller',
        tone: ok ? 'ok' : 'error',
        description: `The forward target answers ${leg.response.status} ${leg.response.statusText} ${at(done)}; the receiver passes it back.`
      })
    )
  } else if (leg.error) {
    steps.push(
      mark({
        id: 'forward-failed',
        lane: 'endpoint',
        atMs: done,
        label: `forward: ${FAULT_LABELS[leg.error.kind]}`,
        detail: 'the caller gets 502',
        tone: 'error',
        shape: 'cross',
        description: `Forwarding fails ${at(done)} (${leg.error.kind}: ${leg.error.message}); the receiver answers 502.`
      })
    )
  }
  return steps
}

/**
 * How a connection the receiver ends itself is drawn: a close is a dashed line, a reset a
 * zigzag (the two arrive differently at the caller, so they are drawn differently).
 */
const ENDED_BY_RECEIVER: Record<
  'close' | 'reset',
  { label: string; line: FlowMessage['line']; does: string }
> = {
  close: {
    label: 'closed, no answer',
    line: 'dashed',
    does: 'closes the connection without answering'
  },
  reset: { label: 'RST: connection reset', line: 'zigzag', does: 'resets the connection' }
}

/** What TrialKit, waiting its default timeout, would have shown for this answer. */
export function wouldShow(cap: Capture, timeoutMs: number): string {
  const { status, delayMs, fault } = cap.response
  const instead = FAULT_TABLE[fault].instead
  if (instead === 'hold' || delayMs >= timeoutMs) return 'ProtocolError (timeout)'
  if (instead === 'close' || instead === 'reset') return 'ProtocolError (connection-reset)'
  return status >= 200 && status < 300 ? 'Record saved' : 'ProtocolError (http-status)'
}

/**
 * A capture from a caller this app did not send: only the receiver's side is known, so the
 * caller's user is drawn as unknown and the time axis is measured against TrialKit's default
 * timeout as a reference.
 */
export function captureFlow(cap: Capture, leg: Exchange | null): FlowModel {
  const reference = HOOK_TIMEOUT_DEFAULT_S * 1000
  const ua = cap.headers.find(([n]) => n.toLowerCase() === 'user-agent')?.[1]
  const lanes: FlowLane[] = [
    { id: 'user', title: 'Caller’s user', subtitle: 'not known', absent: true },
    {
      id: 'trialkit',
      title: 'Caller',
      subtitle: ua ? `${cap.remoteAddress} · ${ua}` : `${cap.remoteAddress}:${cap.remotePort}`,
      absent: false
    },
    { id: 'network', title: 'Network', subtitle: 'loopback or LAN', absent: false },
    { id: 'endpoint', title: 'Built-in receiver', subtitle: cap.path, absent: false }
  ]
  if (cap.forward) lanes.push(targetLane(cap, leg))
  const { status, delayMs, fault } = cap.response
  const info = FAULT_TABLE[fault]
  const steps: FlowStep[] = [
    message({
      id: 'request',
      from: 'trialkit',
      to: 'endpoint',
      atMs: 0,
      label: `${cap.method} ${cap.path}`,
      detail: captureSummary(cap),
      description: `A caller at ${cap.remoteAddress}:${cap.remotePort} sends ${cap.method} ${cap.path} (${captureSummary(cap)}).`
    }),
    mark({
      id: 'captured',
      lane: 'endpoint',
      atMs: 0,
      label: 'captured',
      detail: planOf(cap),
      tone: 'normal',
      shape: 'dot',
      description: `The built-in receiver captures it and ${planOf(cap)}.`
    }),
    ...forwardSteps(cap, leg, Date.parse(cap.receivedAt), 0)
  ]
  const spans: FlowSpan[] = []
  const ok = status >= 200 && status < 300
  if (info.instead === 'hold') {
    spans.push({ id: 'hold', lane: 'endpoint', fromMs: 0, toMs: null, role: 'hold', tone: 'error' })
  } else if (info.instead !== null) {
    const ending = ENDED_BY_RECEIVER[info.instead]
    steps.push(
      message({
        id: 'reset',
        from: 'endpoint',
        to: 'trialkit',
        atMs: delayMs,
        label: ending.label,
        detail: `after ${formatMs(delayMs)}`,
        tone: 'error',
        line: ending.line,
        description: `${at(delayMs)} the receiver ${ending.does}.`
      })
    )
  } else {
    steps.push(
      message({
        id: 'answer',
        from: 'endpoint',
        to: 'trialkit',
        atMs: info.trickles ? 0 : delayMs,
        endMs: delayMs,
        label: `${status}${info.trickles ? ', body trickled' : ''}`,
        detail: `after ${formatMs(delayMs)}`,
        tone: ok ? 'ok' : 'error',
        description: `${at(delayMs)} the receiver's answer ${status} is complete.`
      })
    )
  }
  if (info.instead !== 'hold' && delayMs > 0) {
    spans.push({
      id: 'hold',
      lane: 'endpoint',
      fromMs: 0,
      toMs: delayMs,
      role: 'hold',
      tone: delayMs >= reference ? 'error' : delayMs >= reference / 2 ? 'warn' : 'normal'
    })
  }
  const unfinished = cap.unfinished
  const ended = unfinished ? endUnfinished(cap, steps, spans) : steps
  const shown = wouldShow(cap, reference)
  return {
    lanes,
    steps: byTime(ended),
    spans,
    ticks: [],
    timeoutMs: reference,
    totalMs: unfinished ? unfinished.afterMs : info.instead === 'hold' ? null : delayMs,
    timeoutLabel: `TrialKit default ${formatMs(reference)} (reference)`,
    live: null,
    outcome: {
      state: 'unknown',
      text: `TrialKit with its default timeout would show: ${shown}`
    },
    banner: 'A request from a caller this app did not send: only the receiver’s side is known.',
    summary: `${cap.method} ${cap.path} from ${cap.remoteAddress}; the receiver ${planOf(cap)}.${unfinished ? ` ${captureOutcome(cap).text}.` : ''}`
  }
}

const ENDINGS: Record<NonNullable<Capture['unfinished']>['how'], string> = {
  'left-before-answer': 'the caller closes the connection before the receiver’s answer went out.',
  'left-mid-body': 'the caller closes the connection before its request body is complete.',
  'body-stalled': 'the request body has stopped arriving, and the receiver closes the connection.',
  'behind-closed':
    'the connection is already closing after an earlier answer: this request gets none.'
}

/**
 * A capture whose answer never went out whole: the answer it would have had is left out, its hold stops there, and that moment is drawn where it happened (the caller
 * leaving, or the receiver closing a stalled or already-closing connection). Changes `spans`.
 */
function endUnfinished(cap: Capture, steps: FlowStep[], spans: FlowSpan[]): FlowStep[] {
  const { how, afterMs } = cap.unfinished!
  const kept = steps.filter((s) => s.id !== 'answer' && s.id !== 'reset')
  for (const [i, span] of spans.entries()) {
    if (span.id === 'hold') spans[i] = { ...span, toMs: Math.min(span.toMs ?? afterMs, afterMs) }
  }
  const byReceiver = how === 'body-stalled' || how === 'behind-closed'
  kept.push(
    mark({
      id: 'ended',
      lane: byReceiver ? 'endpoint' : 'trialkit',
      atMs: afterMs,
      label: byReceiver ? 'closed, no answer' : 'caller left',
      detail: `after ${formatMs(afterMs)}`,
      tone: 'error',
      shape: 'cross',
      description: `${at(afterMs)} ${ENDINGS[how]}`
    })
  )
  return kept
}
