import { useShallow } from 'zustand/react/shallow'
import { formatMs } from '@renderer/lib/format'
import { useApp } from '@renderer/store/store-context'

/** The brief success state: the hook answered 2xx in time, so TrialKit saves the record. */
export function SavedNotice() {
  const { exchange, close } = useApp(
    useShallow((s) => ({ exchange: s.dispatch.exchange, close: s.closeDispatch }))
  )
  return (
    <div className="saved-notice" role="status" data-testid="dispatch-saved" onClick={close}>
      <span className="saved-icon" aria-hidden="true">
        ✓
      </span>
      <span>
        <strong>Record saved</strong>
        {exchange && (
          <span className="muted">
            {' '}
            · hook answered {exchange.response?.status} in {formatMs(exchange.timings.totalMs)}
          </span>
        )}
      </span>
    </div>
  )
}
