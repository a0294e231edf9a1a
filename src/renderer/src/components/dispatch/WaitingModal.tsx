import { useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useFocusTrap } from '../../hooks/use-focus-trap'
import { useNow } from '../../hooks/use-now'
import { useReducedMotion } from '../../hooks/use-reduced-motion'
import { useApp } from '../../store/store-context'

/**
 * TrialKit's blocking save: the site user can do nothing until the hook answers or the timeout
 * passes. The countdown runs against the hook's timeout; Abort is for the tool user only.
 */
export function WaitingModal() {
  const { d, abort } = useApp(useShallow((s) => ({ d: s.dispatch, abort: s.abortDispatch })))
  const ref = useRef<HTMLDivElement>(null)
  useFocusTrap(ref)
  // With reduced motion the bar and the count step once a second instead of gliding.
  const reduced = useReducedMotion()
  const now = useNow(true, reduced ? 1000 : 100)
  const elapsed = Math.max(now - d.startedAt, 0)
  const left = Math.max(d.timeoutMs - elapsed, 0)
  const share = d.timeoutMs > 0 ? Math.min(elapsed / d.timeoutMs, 1) : 1
  return (
    <div className="modal-backdrop modal-backdrop-block" data-testid="dispatch-waiting-backdrop">
      <div
        ref={ref}
        tabIndex={-1}
        className="tk-box tk-waiting"
        role="alertdialog"
        aria-modal="true"
        aria-label="Saving record"
        aria-busy="true"
        data-testid="dispatch-waiting"
      >
        <div className="tk-title">TrialKit</div>
        <div className="tk-content">
          <span className="spinner" aria-hidden="true" />
          <div>
            <p className="tk-main">Saving record… waiting for hook</p>
            <p className="muted">
              {d.event} → {d.hookName}
            </p>
          </div>
        </div>
        <div className="countdown">
          <div className="countdown-track">
            <span className="countdown-fill" style={{ width: `${share * 100}%` }} />
          </div>
          <span className="mono" data-testid="dispatch-countdown">
            {reduced ? Math.ceil(left / 1000) : (left / 1000).toFixed(1)} s left of{' '}
            {Math.round(d.timeoutMs / 1000)} s
          </span>
        </div>
        <div className="tk-footer">
          <span className="muted small">Abort is Hook Inspector’s; a TrialKit user cannot.</span>
          <button
            type="button"
            className="btn btn-small"
            data-testid="dispatch-abort"
            data-autofocus
            disabled={d.abortRequested}
            onClick={() => void abort()}
          >
            {d.abortRequested ? 'Aborting…' : 'Abort'}
          </button>
        </div>
      </div>
    </div>
  )
}
