import { useEffect, useRef, useState } from 'react'
import { useEscape } from '@renderer/hooks/use-escape'
import { useFocusTrap } from '@renderer/hooks/use-focus-trap'
import { useNow } from '@renderer/hooks/use-now'
import { useReducedMotion } from '@renderer/hooks/use-reduced-motion'
import { useApp } from '@renderer/store/store-context'

/**
 * TrialKit's blocking save, shown without blocking Hook Inspector: the site user can do nothing
 * until the hook answers or the timeout passes, but the tool user may wait up to the whole
 * timeout (300 s at most), so the timeline, the inspector and the pending row's live Flow tab stay
 * usable. Focus moves here when the dispatch starts; Esc or a click elsewhere reduces the view to
 * a bar that keeps the countdown and Abort, and the bar opens it again.
 */
export function WaitingView() {
  const [reduced, setReduced] = useState(false)
  return reduced ? (
    <WaitingBar onExpand={() => setReduced(false)} />
  ) : (
    <WaitingPanel onReduce={() => setReduced(true)} />
  )
}

/** Time left against the hook's timeout, ticking smoothly (or once a second with reduced motion). */
function useCountdown() {
  const d = useApp((s) => s.dispatch)
  const still = useReducedMotion()
  const now = useNow(true, still ? 1000 : 100)
  const elapsed = Math.max(now - d.startedAt, 0)
  const left = Math.max(d.timeoutMs - elapsed, 0)
  return {
    d,
    share: d.timeoutMs > 0 ? Math.min(elapsed / d.timeoutMs, 1) : 1,
    text: `${still ? Math.ceil(left / 1000) : (left / 1000).toFixed(1)} s left of ${Math.round(d.timeoutMs / 1000)} s`
  }
}

function AbortButton(props: { autoFocus?: boolean }) {
  const abortRequested = useApp((s) => s.dispatch.abortRequested)
  const abort = useApp((s) => s.abortDispatch)
  return (
    <button
      type="button"
      className="btn btn-small"
      data-testid="dispatch-abort"
      data-autofocus={props.autoFocus ? true : undefined}
      disabled={abortRequested}
      onClick={() => void abort()}
    >
      {abortRequested ? 'Aborting…' : 'Abort'}
    </button>
  )
}

function WaitingPanel(props: { onReduce: () => void }) {
  const { d, share, text } = useCountdown()
  const ref = useRef<HTMLDivElement>(null)
  // Focus comes here, but Tab may leave: the rest of the app stays usable while it waits.
  useFocusTrap(ref, false)
  useEscape(true, props.onReduce)
  const onReduce = useRef(props.onReduce)
  useEffect(() => {
    onReduce.current = props.onReduce
  })
  useEffect(() => {
    const outside = (e: PointerEvent): void => {
      if (e.target instanceof Node && !ref.current?.contains(e.target)) onReduce.current()
    }
    document.addEventListener('pointerdown', outside, true)
    return () => document.removeEventListener('pointerdown', outside, true)
  }, [])
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="tk-box tk-waiting"
      role="dialog"
      aria-modal="false"
      aria-label="Saving record"
      aria-busy="true"
      data-testid="dispatch-waiting"
    >
      <div className="tk-title">
        <span>TrialKit</span>
        <button
          type="button"
          className="tk-reduce"
          aria-label="Reduce to a bar (Esc)"
          title="Reduce to a bar (Esc)"
          data-testid="dispatch-reduce"
          onClick={props.onReduce}
        >
          –
        </button>
      </div>
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
          {text}
        </span>
      </div>
      <div className="tk-footer">
        <span className="muted small">
          TrialKit blocks its user here; Hook Inspector stays usable. Abort is Hook Inspector’s.
        </span>
        <AbortButton autoFocus />
      </div>
    </div>
  )
}

function WaitingBar(props: { onExpand: () => void }) {
  const { d, share, text } = useCountdown()
  return (
    <div
      className="tk-waiting-bar"
      role="region"
      aria-label="Saving record"
      aria-busy="true"
      data-testid="dispatch-waiting-bar"
    >
      <span className="spinner" aria-hidden="true" />
      <button
        type="button"
        className="tk-waiting-bar-open"
        data-testid="dispatch-expand"
        title="Show what the TrialKit user sees"
        onClick={props.onExpand}
      >
        Saving record… {d.event} → {d.hookName}
      </button>
      <span className="countdown-track" aria-hidden="true">
        <span className="countdown-fill" style={{ width: `${share * 100}%` }} />
      </span>
      <span className="mono" data-testid="dispatch-countdown">
        {text}
      </span>
      <AbortButton />
    </div>
  )
}
