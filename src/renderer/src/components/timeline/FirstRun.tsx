import { useShallow } from 'zustand/react/shallow'
import { useApp } from '@renderer/store/store-context'

/** The empty timeline teaches the loop: fire at the built-in receiver and see both sides. */
export function FirstRun() {
  const { fireAtReceiver, running, pending } = useApp(
    useShallow((s) => ({
      fireAtReceiver: s.fireAtBuiltInReceiver,
      running: s.receiver?.running ?? false,
      pending: s.dispatch.phase === 'pending'
    }))
  )
  return (
    <div className="first-run" data-testid="first-run">
      <p className="first-run-title">Nothing fired or received yet.</p>
      <button
        type="button"
        className="btn btn-primary"
        data-testid="first-run-fire"
        disabled={!running || pending}
        onClick={() => void fireAtReceiver()}
      >
        Fire an insert at the built-in receiver
      </button>
      {!running && <p className="muted small">Start the receiver (left) first.</p>}
      <p className="muted">
        It is sent the way TrialKit does: watch it leave the dispatcher, land on the built-in
        receiver, and come back, linked in one row.
      </p>
      <p className="muted small">
        Or point TrialKit (or curl) at the receiver URL: its requests show up here.
      </p>
    </div>
  )
}
