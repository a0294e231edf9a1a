import { memo } from 'react'
import { captureOutcome } from '@shared/capture-outcome'
import { sentEmailOf } from '@shared/sent-email'
import { formatClock, formatMs } from '@renderer/lib/format'
import { rowTime, type TimelineRow } from '@renderer/lib/history-index'
import { rowEvent, rowOutcome } from '@renderer/lib/row-filter'
import type { MarkHow } from '@renderer/store/mark-types'
import { useApp } from '@renderer/store/store-context'
import '@renderer/styles/support.css'
import '@renderer/styles/timeline-marks.css'

export const ROW_HEIGHT = 26
/** The column heads' height (CSS px), kept in step with `.tl-head` in the stylesheet. */
export const HEAD_HEIGHT = 20

/** The DOM id of a row, for the grid's `aria-activedescendant`. */
export function rowDomId(id: string): string {
  return `tl-row-${id}`
}

function direction(row: TimelineRow): { icon: string; title: string } {
  if (row.capacity) return { icon: '⇉', title: 'a capacity check: many requests at once' }
  if (row.exchange && row.capture) return { icon: '⇄', title: 'sent and received here (linked)' }
  if (row.exchange) return { icon: '→', title: 'sent by the dispatcher' }
  return { icon: '←', title: 'received by the receiver' }
}

/**
 * What made the row, when it was not a plain fire or an ordinary request: a replay, a forwarding
 * leg (or a capture the receiver forwarded), the endpoint check, a scenario step.
 */
function originTag(row: TimelineRow): { label: string; title: string; origin: string } | null {
  if (row.capacity) {
    return {
      label: 'capacity',
      title: 'A capacity check (one row for the run)',
      origin: 'capacity'
    }
  }
  const ex = row.exchange
  if (ex?.replayOf || ex?.origin === 'replay') {
    return { label: 'replay', title: `Re-sent to ${ex.request.url}`, origin: 'replay' }
  }
  if (ex?.origin === 'forward') {
    return { label: 'fwd', title: "The receiver's forwarding leg", origin: 'forward' }
  }
  if (ex?.origin === 'check') {
    const title = ex.probe
      ? `Sent by the endpoint check: ${ex.probe}`
      : 'Sent by the endpoint check'
    return { label: 'check', title, origin: 'check' }
  }
  if (ex?.origin === 'scenario') {
    return { label: 'scenario', title: 'Sent by a scenario step', origin: 'scenario' }
  }
  if (row.capture?.forward) {
    return { label: 'fwd', title: 'Forwarded by the receiver', origin: 'forwarded' }
  }
  return null
}

/** Where it went: host and path for an exchange (the scheme is noise in a narrow column). */
function target(row: TimelineRow): string {
  if (row.exchange) return row.exchange.request.url.replace(/^https?:\/\//, '')
  if (row.capacity) return row.capacity.url.replace(/^https?:\/\//, '')
  const c = row.capture!
  return `${c.method} ${c.path}`
}

/** Status column: the code, the ProtocolError kind, or what became of a capture's answer. */
function statusText(row: TimelineRow): string {
  if (row.capacity) return `capacity ${row.capacity.capacity}`
  const ex = row.exchange
  if (ex) {
    if (ex.state === 'pending') return 'pending…'
    if (ex.error) {
      return ex.error.kind === 'http-status' && ex.response
        ? `${ex.response.status} http-status`
        : ex.error.kind
    }
    return String(ex.response?.status ?? '')
  }
  return captureOutcome(row.capture!).brief
}

function durationText(row: TimelineRow): { text: string; slow: boolean } {
  if (row.capacity) {
    const ms = Date.parse(row.capacity.finishedAt) - Date.parse(row.capacity.startedAt)
    return { text: formatMs(ms), slow: false }
  }
  const ex = row.exchange
  if (ex) {
    if (ex.state === 'pending') return { text: '…', slow: false }
    return { text: formatMs(ex.timings.totalMs), slow: ex.timings.totalMs >= ex.timeoutMs * 0.5 }
  }
  const delay = row.capture!.response.delayMs
  return { text: delay > 0 ? `+${formatMs(delay)}` : '—', slow: false }
}

function authText(row: TimelineRow): { email: string; mark: string | null } {
  const cap = row.capture
  if (cap?.auth) {
    const mark = cap.auth.matchesExpected === null ? null : cap.auth.matchesExpected ? '✓' : '✗'
    return { email: cap.auth.email ?? cap.auth.scheme, mark }
  }
  const ex = row.exchange
  const header = ex?.request.headers.find(([n]) => n.toLowerCase() === 'authorization')
  // An Authorization redacted on export still says who sent it (sentEmailOf).
  if (ex && header) return { email: sentEmailOf(ex) ?? '?', mark: null }
  return { email: '', mark: null }
}

/** One timeline row; it re-renders only when its own entries change. */
export const TimelineRowView = memo(function TimelineRowView(props: {
  id: string
  index: number
  top: number
  selected: boolean
  /** Marked with others (Ctrl/Cmd-click, Shift-click), e.g. to save them as a scenario. */
  marked?: boolean
  /** `how` is set when a modifier key marks rows rather than selecting one. */
  onSelect: (id: string, how?: MarkHow) => void
}) {
  const row = useApp((s) => s.history.rows.get(props.id))
  if (!row) return null
  const outcome = rowOutcome(row)
  const dir = direction(row)
  const duration = durationText(row)
  const auth = authText(row)
  const event = rowEvent(row)
  // The check's malformed and unknown bodies are not events, whatever their Event column says.
  const badInput = row.exchange?.probe?.startsWith('bad input') === true
  const imported =
    row.exchange?.imported === true ||
    row.capture?.imported === true ||
    row.capacity?.imported === true
  const tag = originTag(row)
  const status = statusText(row)
  return (
    <div
      role="row"
      id={rowDomId(row.id)}
      aria-rowindex={props.index + 2}
      aria-selected={props.selected || props.marked === true}
      className={`tl-row outcome-${outcome} ${props.selected ? 'tl-row-selected' : ''} ${props.marked ? 'tl-row-marked' : ''}`}
      style={{ transform: `translateY(${props.top}px)` }}
      data-testid="timeline-row"
      data-row-id={row.id}
      data-outcome={outcome}
      data-linked={row.exchange !== null && row.capture !== null}
      data-event={event}
      data-imported={imported || undefined}
      data-origin={tag?.origin}
      data-marked={props.marked || undefined}
      onMouseDown={(e) => {
        // Shift-click marks a range of rows; it must not also select the page's text.
        if (e.shiftKey) e.preventDefault()
      }}
      onClick={(e) =>
        props.onSelect(row.id, e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : undefined)
      }
    >
      <span
        role="gridcell"
        className="mono muted tl-time"
        title={imported ? 'Imported from a file' : undefined}
      >
        {imported && (
          <span className="tl-imported" data-testid="timeline-imported" aria-label="imported">
            ⇩
          </span>
        )}
        {formatClock(rowTime(row))}
      </span>
      <span
        role="gridcell"
        className={`ev ev-${badInput ? 'other' : event}`}
        title={badInput ? row.exchange?.probe : undefined}
      >
        {badInput ? 'bad input' : event}
      </span>
      <span
        role="gridcell"
        className="dir"
        title={dir.title}
        aria-label={dir.title}
        data-testid="timeline-dir"
      >
        {dir.icon}
      </span>
      <span
        role="gridcell"
        className={`mono ellipsis ${tag?.origin === 'replay' ? 'tl-target-replay' : ''}`}
        title={row.exchange?.request.url ?? row.capacity?.summary ?? target(row)}
      >
        {tag && (
          <span className="origin-tag" title={tag.title} data-testid="timeline-origin">
            {tag.label}
          </span>
        )}
        {tag?.origin === 'replay' ? (
          // A re-send is told apart by where it went: the end of its URL stays in view.
          <span className="tl-url-end" data-testid="timeline-resent-to">
            <span>{target(row)}</span>
          </span>
        ) : (
          target(row)
        )}
      </span>
      <span
        role="gridcell"
        className={`status status-${outcome} mono ellipsis`}
        data-testid="timeline-status"
        title={status}
      >
        {status}
      </span>
      <span
        role="gridcell"
        className={`num mono ellipsis ${duration.slow ? 'slow' : ''}`}
        title={duration.text}
      >
        {duration.text}
      </span>
      <span role="gridcell" className="ellipsis" title={auth.email}>
        {auth.mark && (
          <span className={auth.mark === '✓' ? 'mark-ok' : 'mark-bad'}>{auth.mark} </span>
        )}
        {auth.email}
      </span>
    </div>
  )
})
