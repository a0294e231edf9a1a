import { FAULT_TABLE, holdsOpen } from '@shared/faults'
import type { Capture, Exchange } from '@shared/schemas'
import { formatMs } from '@renderer/lib/format'
import { mark, message } from './flow-capture'
import { FAULT_LABELS, at, shortMessage } from './flow-text'
import type { FlowStep } from './flow-types'

/** The endpoint's answer, or the fault drawn as what it is. */
export function answerSteps(ex: Exchange, cap: Capture | null, recvAt: number | null): FlowStep[] {
  const t = ex.timings
  const kind = ex.error?.kind ?? null
  const fb = t.firstByteMs ?? t.totalMs
  const res = ex.response
  if (res && kind === 'timeout') {
    return [
      message({
        id: 'answer',
        from: 'endpoint',
        to: 'trialkit',
        atMs: fb,
        endMs: t.totalMs,
        label: `${res.status} headers, body unfinished`,
        detail: `gives up at ${formatMs(ex.timeoutMs)}`,
        tone: 'error',
        line: 'dashed',
        end: 'cross',
        description: `At ${formatMs(fb)} the status line and headers arrive (${res.status}), but the body is still incomplete when the ${formatMs(ex.timeoutMs)} timeout passes.`
      })
    ]
  }
  if (res) {
    const ok = res.status >= 200 && res.status < 300
    return [
      message({
        id: 'answer',
        from: 'endpoint',
        to: 'trialkit',
        atMs: fb,
        endMs: t.totalMs,
        label: `${res.status} ${res.statusText}`.trim(),
        detail: `first byte ${formatMs(fb)} · last byte ${formatMs(t.totalMs)}`,
        tone: ok ? 'ok' : 'error',
        description: `The endpoint answers ${res.status} ${res.statusText}: first byte at ${formatMs(fb)}, last byte at ${formatMs(t.totalMs)}${ok ? '' : '; a status that is not 2xx is a ProtocolError'}.`
      })
    ]
  }
  if (kind === 'timeout') {
    const out: FlowStep[] = [
      mark({
        id: 'gave-up',
        lane: 'trialkit',
        atMs: t.totalMs,
        label: `gives up at ${formatMs(ex.timeoutMs)}`,
        detail: cap && holdsOpen(cap.response.fault) ? 'the endpoint hangs' : 'no answer in time',
        tone: 'error',
        shape: 'cross',
        description: `No answer within the ${formatMs(ex.timeoutMs)} timeout: TrialKit gives up ${at(t.totalMs)} and closes the connection.`
      })
    ]
    if (
      cap &&
      recvAt !== null &&
      !holdsOpen(cap.response.fault) &&
      cap.response.delayMs > t.totalMs
    ) {
      // Drawn just after the give-up, not at its own time: a minute-long delay must not squash
      // the timeout into the top of the axis.
      const late = t.totalMs + 1
      out.push(
        message({
          id: 'late',
          from: 'endpoint',
          to: 'trialkit',
          atMs: late,
          endMs: late,
          label: `would answer ${cap.response.status} after ${formatMs(cap.response.delayMs)}`,
          detail: 'too late: nobody waits',
          tone: 'muted',
          line: 'dashed',
          end: 'cross',
          description: `The receiver was set to answer ${cap.response.status} after ${formatMs(cap.response.delayMs)}, after TrialKit had given up.`
        })
      )
    }
    return out
  }
  if (kind === 'connection-reset') {
    const drop = cap
      ? FAULT_TABLE[cap.response.fault].instead === 'close'
      : !/reset|ECONNRESET/i.test(ex.error!.message)
    return [
      message({
        id: 'reset',
        from: 'endpoint',
        to: 'trialkit',
        atMs: t.totalMs,
        endMs: t.totalMs,
        label: drop ? 'closed, no answer' : 'RST: connection reset',
        detail: shortMessage(ex.error!.message, 40),
        tone: 'error',
        line: drop ? 'dashed' : 'zigzag',
        description: drop
          ? `${at(t.totalMs)} the endpoint closes the connection without answering (${ex.error!.message}).`
          : `${at(t.totalMs)} the endpoint resets the connection (TCP RST) before answering (${ex.error!.message}).`
      })
    ]
  }
  const label = kind ? FAULT_LABELS[kind] : 'no answer'
  return [
    mark({
      id: 'ended',
      lane: 'trialkit',
      atMs: t.totalMs,
      label,
      detail: ex.error ? shortMessage(ex.error.message, 40) : '',
      tone: kind === 'aborted' ? 'warn' : 'error',
      shape: 'cross',
      description: `${at(t.totalMs)} the dispatch ends: ${label}${ex.error ? ` (${ex.error.message})` : ''}.`
    })
  ]
}
