import { holdsOpen } from '@shared/faults'
import type { Capture, Exchange } from '@shared/schemas'
import { formatMs } from '@renderer/lib/format'
import { answerSteps } from './flow-answer'
import {
  byTime,
  captureFlow,
  forwardSteps,
  mark,
  message,
  planOf,
  targetLane
} from './flow-capture'
import {
  EVENT_FLAGS,
  at,
  clockOf,
  hostOf,
  outcomeText,
  pathOf,
  requestSummary,
  shortMessage
} from './flow-text'
import type { FlowLane, FlowModel, FlowSpan, FlowStep, FlowTick, Tone } from './flow-types'

/** Everything known about one timeline row, gathered from the store. */
export interface FlowInput {
  exchange: Exchange | null
  capture: Capture | null
  /** The receiver's forwarding exchange, when the capture was forwarded. */
  forwardLeg: Exchange | null
  /** What a replay re-sends, when it is still in the history. */
  replaySource: Exchange | Capture | null
  /** While the exchange is pending: how long it has run so far. */
  elapsedMs: number | null
}

/** The sequence diagram of a timeline row: an exchange (with its capture when linked) or a capture. */
export function buildFlow(input: FlowInput): FlowModel {
  if (input.exchange) return exchangeFlow(input, input.exchange)
  if (input.capture) return captureFlow(input.capture, input.forwardLeg)
  throw new Error('A flow needs an exchange or a capture.')
}

function waitTone(waitedMs: number, timeoutMs: number, failed: boolean): Tone {
  if (failed || waitedMs >= timeoutMs) return 'error'
  return waitedMs >= timeoutMs / 2 ? 'warn' : 'normal'
}

function replayBanner(ex: Exchange, source: Exchange | Capture | null): string | null {
  if (ex.replayOf === null) return null
  if (!source) return 'Replay of an entry no longer in the history: the same bytes, sent again.'
  if (source.type === 'exchange') {
    return `Replay of the ${source.event} sent at ${clockOf(source.startedAt)} to ${source.hookName}, which ended: ${outcomeText(source)}.`
  }
  return `Replay of the request captured at ${clockOf(source.receivedAt)} (${source.method} ${source.path}), for which the receiver ${planOf(source)}.`
}

function exchangeFlow(input: FlowInput, ex: Exchange): FlowModel {
  const cap = input.capture
  const t = ex.timings
  const pending = ex.state === 'pending'
  const elapsed = pending ? Math.max(0, input.elapsedMs ?? 0) : null
  const end = elapsed ?? t.totalMs
  const kind = ex.error?.kind ?? null
  const url = ex.request.url
  const host = hostOf(url)
  const leg = ex.origin === 'forward'
  const t0 = Date.parse(ex.startedAt)
  const unreached = kind === 'dns' || kind === 'connection-refused' || kind === 'invalid-url'
  const lanes: FlowLane[] = [
    {
      id: 'user',
      title: leg ? 'Original caller' : 'TrialKit user',
      subtitle: leg ? 'waits on the receiver' : 'saves a record',
      absent: false
    },
    {
      id: 'trialkit',
      title: leg ? 'Receiver, forwarding' : 'TrialKit',
      subtitle: leg ? 'sends the request on' : `dispatcher · ${ex.hookName}`,
      absent: false
    },
    { id: 'network', title: 'Network', subtitle: host, absent: kind === 'invalid-url' },
    {
      id: 'endpoint',
      title: cap ? 'Built-in receiver' : leg ? 'Forward target' : 'Hook endpoint',
      subtitle: cap ? `${host}${cap.path}` : pathOf(url),
      absent: unreached
    }
  ]
  const steps: FlowStep[] = []
  const spans: FlowSpan[] = []
  const ticks: FlowTick[] = []

  const verb =
    ex.origin === 'replay'
      ? 'Re-send'
      : ex.origin === 'check'
        ? 'Check request'
        : leg
          ? 'Request in'
          : 'Save record'
  steps.push(
    message({
      id: 'save',
      from: 'user',
      to: 'trialkit',
      atMs: 0,
      label: `${verb} (${ex.event})`,
      detail: 'screen blocked until the hook answers',
      description: `At 0 ms the TrialKit user saves a record (${ex.event}); TrialKit blocks their screen and calls the hook at ${host}.`
    })
  )

  const sentAt = t.connectMs ?? 0
  const recvAt = cap ? Math.max(Date.parse(cap.receivedAt) - t0, sentAt) : null
  const fb = t.firstByteMs ?? t.totalMs
  if (kind === 'invalid-url') {
    steps.push(
      mark({
        id: 'invalid',
        lane: 'trialkit',
        atMs: 0,
        label: 'URL not valid: nothing sent',
        detail: shortMessage(ex.error!.message),
        tone: 'error',
        shape: 'cross',
        description: `TrialKit cannot call ${url}: ${ex.error!.message}. Nothing is sent.`
      })
    )
  } else if (kind === 'dns') {
    steps.push(
      message({
        id: 'dns',
        from: 'trialkit',
        to: 'network',
        atMs: 0,
        endMs: t.totalMs,
        label: `look up ${new URL(url).hostname}`,
        detail: 'no such host',
        tone: 'error',
        end: 'cross',
        description: `TrialKit looks up ${new URL(url).hostname}; the name does not resolve (${shortMessage(ex.error!.message)}), so the request never leaves.`
      })
    )
  } else if (kind === 'connection-refused') {
    steps.push(
      message({
        id: 'refused',
        from: 'trialkit',
        to: 'endpoint',
        atMs: 0,
        endMs: t.totalMs,
        label: `connect ${host}`,
        detail: 'refused: nothing listens',
        tone: 'error',
        end: 'cross',
        description: `TrialKit tries to connect to ${host}; nothing listens there and the connection is refused ${at(t.totalMs)}.`
      })
    )
  } else if (kind === 'tls') {
    steps.push(
      message({
        id: 'tls',
        from: 'trialkit',
        to: 'endpoint',
        atMs: 0,
        endMs: t.totalMs,
        label: 'TLS handshake failed',
        detail: shortMessage(ex.error!.message),
        tone: 'error',
        end: 'cross',
        description: `TrialKit connects to ${host} but the TLS handshake fails ${at(t.totalMs)}: ${ex.error!.message}. No request is sent.`
      })
    )
  } else {
    steps.push(
      message({
        id: 'request',
        from: 'trialkit',
        to: 'endpoint',
        atMs: sentAt,
        label: `${ex.request.method} ${pathOf(url)}`,
        detail: requestSummary(ex),
        travelling: pending && !cap,
        description: `${pending ? 'TrialKit sends' : `${at(sentAt)} TrialKit sends`} ${ex.request.method} ${url} with ${requestSummary(ex)} (${EVENT_FLAGS[ex.event]}).`
      })
    )
    if (cap && recvAt !== null) {
      steps.push(
        mark({
          id: 'captured',
          lane: 'endpoint',
          atMs: recvAt,
          label: 'captured',
          detail: planOf(cap),
          tone: 'normal',
          shape: 'dot',
          description: `${at(recvAt)} the built-in receiver captures the request; it is set so that it ${planOf(cap)}.`
        })
      )
      steps.push(...forwardSteps(cap, input.forwardLeg, t0, recvAt))
    }
    if (!pending) steps.push(...answerSteps(ex, cap, recvAt))
  }

  if (!pending) {
    const failed = ex.error !== null
    steps.push(
      message({
        id: 'outcome',
        from: 'trialkit',
        to: 'user',
        atMs: t.totalMs,
        label: outcomeText(ex),
        detail: failed ? `after ${formatMs(t.totalMs)}` : `after ${formatMs(t.totalMs)}`,
        tone: failed ? 'error' : 'ok',
        description: failed
          ? `${at(t.totalMs)} the TrialKit user sees a ProtocolError (${ex.error!.kind}): ${ex.error!.message}`
          : `${at(t.totalMs)} the TrialKit user sees the record saved.`
      })
    )
    for (const [atMs, label] of [
      [t.connectMs, 'connect'],
      [t.firstByteMs, 'first byte'],
      [t.totalMs, 'last byte']
    ] as const) {
      if (atMs !== null && (label !== 'last byte' || ex.response)) ticks.push({ atMs, label })
    }
  }

  const waitEnd = pending ? null : ex.response ? fb : t.totalMs
  spans.push({
    id: 'blocked',
    lane: 'user',
    fromMs: 0,
    toMs: pending ? null : t.totalMs,
    role: 'blocked',
    tone: ex.error ? 'error' : 'normal'
  })
  if (!unreached && kind !== 'tls') {
    spans.push({
      id: 'wait',
      lane: 'trialkit',
      fromMs: sentAt,
      toMs: waitEnd,
      role: 'wait',
      tone: waitTone((waitEnd ?? end) - sentAt, ex.timeoutMs, kind === 'timeout')
    })
  }
  const holds = cap !== null && holdsOpen(cap.response.fault)
  if (cap && recvAt !== null && (holds || cap.response.delayMs > 0)) {
    const until = holds ? null : recvAt + cap.response.delayMs
    spans.push({
      id: 'hold',
      lane: 'endpoint',
      fromMs: recvAt,
      toMs: pending ? null : Math.min(until ?? t.totalMs, t.totalMs),
      role: 'hold',
      tone: holds ? 'error' : 'warn'
    })
  }
  if (t.connectMs !== null || (pending && !unreached)) {
    spans.push({
      id: 'connection',
      lane: 'network',
      fromMs: 0,
      toMs: pending ? null : t.totalMs,
      role: 'connection',
      tone: kind === 'connection-reset' ? 'error' : 'muted'
    })
  }

  return {
    lanes: cap?.forward ? [...lanes, targetLane(cap, input.forwardLeg)] : lanes,
    steps: byTime(steps),
    spans,
    ticks,
    timeoutMs: ex.timeoutMs,
    totalMs: pending ? null : t.totalMs,
    timeoutLabel: `timeout ${formatMs(ex.timeoutMs)}`,
    live:
      elapsed === null ? null : { elapsedMs: elapsed, leftMs: Math.max(ex.timeoutMs - elapsed, 0) },
    outcome: pending
      ? { state: 'pending', text: 'Saving record… waiting for hook' }
      : { state: ex.error ? 'error' : 'saved', text: outcomeText(ex) },
    banner: leg
      ? 'The built-in receiver forwarding a request it captured to the forward target.'
      : replayBanner(ex, input.replaySource),
    summary: pending
      ? `${EVENT_FLAGS[ex.event]} to ${host}: waiting for ${formatMs(elapsed)}, ${formatMs(Math.max(ex.timeoutMs - (elapsed ?? 0), 0))} left of the ${formatMs(ex.timeoutMs)} timeout.`
      : `${EVENT_FLAGS[ex.event]} to ${host}: ${outcomeText(ex)} after ${formatMs(t.totalMs)} of a ${formatMs(ex.timeoutMs)} timeout.`
  }
}
