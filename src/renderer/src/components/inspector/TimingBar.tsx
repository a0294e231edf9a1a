import type { Timings } from '@shared/schemas'
import { formatMs } from '@renderer/lib/format'

/**
 * Where the time went (connect, waiting for the first byte, receiving) against the timeout,
 * so "slow" and "too slow" can be told apart at a glance.
 */
export function TimingBar(props: { timings: Timings; timeoutMs: number; testId?: string }) {
  const { timings, timeoutMs } = props
  const total = timings.totalMs
  const scale = Math.max(timeoutMs, total, 1)
  const connect = timings.connectMs ?? null
  const firstByte = timings.firstByteMs ?? null
  const pct = (ms: number): string => `${Math.min((ms / scale) * 100, 100)}%`
  const connectEnd = connect ?? 0
  const waitEnd = firstByte ?? total
  const over = total >= timeoutMs
  const slow = !over && total >= timeoutMs * 0.5
  return (
    <div className="timing" data-testid={props.testId ?? 'timing-bar'}>
      <div
        className={`timing-track ${over ? 'timing-over' : slow ? 'timing-slow' : ''}`}
        role="img"
        aria-label={`total ${formatMs(total)} of a ${formatMs(timeoutMs)} timeout`}
      >
        <span className="seg-connect" style={{ left: 0, width: pct(connectEnd) }} />
        <span
          className="seg-wait"
          style={{ left: pct(connectEnd), width: pct(Math.max(waitEnd - connectEnd, 0)) }}
        />
        <span
          className="seg-receive"
          style={{ left: pct(waitEnd), width: pct(Math.max(total - waitEnd, 0)) }}
        />
        <span className="timeout-mark" style={{ left: pct(timeoutMs) }} title="timeout" />
      </div>
      <div className="timing-legend mono">
        <span>
          <i className="key key-connect" /> connect{' '}
          <b data-testid="timing-connect">{formatMs(connect)}</b>
        </span>
        <span>
          <i className="key key-wait" /> first byte{' '}
          <b data-testid="timing-first-byte">{formatMs(firstByte)}</b>
        </span>
        <span>
          <i className="key key-receive" /> total{' '}
          <b data-testid="timing-total">{formatMs(total)}</b>
        </span>
        <span className="muted">
          timeout <b data-testid="timing-timeout">{formatMs(timeoutMs)}</b>
        </span>
      </div>
    </div>
  )
}
