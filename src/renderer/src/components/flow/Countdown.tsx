/**
 * The countdown of TrialKit's blocking save, as the Fire dialog shows it: a bar filling towards
 * the hook's timeout and the seconds left. It is text as well as a bar, so it reads without motion.
 */
export function Countdown(props: { elapsedMs: number; timeoutMs: number; testId?: string }) {
  const { elapsedMs, timeoutMs } = props
  const left = Math.max(timeoutMs - elapsedMs, 0)
  const share = timeoutMs > 0 ? Math.min(elapsedMs / timeoutMs, 1) : 1
  return (
    <div className="countdown">
      <div className="countdown-track" aria-hidden="true">
        <span className="countdown-fill" style={{ width: `${share * 100}%` }} />
      </div>
      <span className="mono" data-testid={props.testId ?? 'countdown'}>
        {(left / 1000).toFixed(1)} s left of {Math.round(timeoutMs / 1000)} s
      </span>
    </div>
  )
}
