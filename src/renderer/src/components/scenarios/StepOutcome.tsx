import type { StepResult } from '@shared/scenarios/run-scenario'
import { describeOutcome } from '@shared/scenarios/run-scenario'
import { formatMs } from '@renderer/lib/format'
import { ProtocolErrorBox } from './ProtocolErrorBox'

/**
 * What the TrialKit user saw at a step — the record saved, or the ProtocolError box — and
 * whether that is what the step expected.
 */
export function StepOutcome(props: { result: StepResult; large?: boolean }) {
  const { result } = props
  const ex = result.exchange
  return (
    <div
      className={`step-outcome ${props.large ? 'step-outcome-large' : ''}`}
      data-testid="step-outcome"
      data-passed={result.passed}
    >
      {ex && ex.error === null && (
        <div className="saved-notice step-saved" role="status">
          <span className="saved-icon" aria-hidden="true">
            ✓
          </span>
          <span>
            <strong>Record saved</strong>
            <span className="muted">
              {' '}
              · hook answered {ex.response?.status} in {formatMs(ex.timings.totalMs)}
            </span>
          </span>
        </div>
      )}
      {ex?.error && (
        <ProtocolErrorBox error={ex.error} detail={`${ex.error.kind}: ${ex.error.message}`} />
      )}
      <p className={result.passed ? 'step-verdict step-pass' : 'step-verdict step-fail'}>
        {result.passed ? '✓ As expected' : '✗ Not as expected'}: expected{' '}
        {describeOutcome(result.expected)}, got {describeOutcome(result.actual)}.
        {result.message && !result.passed && result.exchange === null && <> {result.message}</>}
      </p>
    </div>
  )
}
