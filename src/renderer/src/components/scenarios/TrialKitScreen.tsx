import type { Exchange } from '@shared/schemas'
import { formatMs } from '@renderer/lib/format'
import { ProtocolErrorBox } from './ProtocolErrorBox'
import { Countdown } from '../flow/Countdown'

/**
 * What the TrialKit user's screen shows at presenter size: the form before saving, the blocking
 * "Saving record… waiting for hook" with the same countdown as the Fire dialog, then the record
 * saved or the ProtocolError (approximate wording: TrialKit's is not public).
 */
export function TrialKitScreen(props: {
  exchange: Exchange | null
  waiting: { elapsedMs: number; timeoutMs: number } | null
}) {
  const { exchange: ex, waiting } = props
  if (waiting) {
    return (
      <div className="tk-box pr-screen" data-testid="presenter-waiting" aria-busy="true">
        <div className="tk-title">TrialKit</div>
        <div className="tk-content">
          <span className="spinner" aria-hidden="true" />
          <p className="tk-main">Saving record… waiting for hook</p>
        </div>
        <Countdown
          elapsedMs={waiting.elapsedMs}
          timeoutMs={waiting.timeoutMs}
          testId="presenter-countdown"
        />
      </div>
    )
  }
  if (!ex) {
    return (
      <div className="tk-box pr-screen" data-testid="presenter-ready">
        <div className="tk-title">TrialKit</div>
        <div className="tk-content">
          <p className="tk-main">The record form, ready to save.</p>
        </div>
      </div>
    )
  }
  if (ex.error === null) {
    return (
      <div className="tk-box pr-screen pr-saved" data-testid="presenter-saved" role="status">
        <div className="tk-title">TrialKit</div>
        <div className="tk-content">
          <span className="saved-icon" aria-hidden="true">
            ✓
          </span>
          <p className="tk-main">
            Record saved <span className="muted">· in {formatMs(ex.timings.totalMs)}</span>
          </p>
        </div>
      </div>
    )
  }
  return (
    <ProtocolErrorBox
      error={ex.error}
      detail={ex.error.kind}
      detailTestId="presenter-error-kind"
      screen
    />
  )
}
