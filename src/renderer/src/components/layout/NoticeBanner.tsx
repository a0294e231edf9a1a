import { useShallow } from 'zustand/react/shallow'
import { EVENTS_CUT_NOTICE_ID } from '@shared/http-contract'
import { useApp } from '@renderer/store/store-context'

/**
 * Notices from the engine (e.g. settings reset, secrets not persisted), each dismissable; and the
 * browser's own when the server cut its live updates, whose Reload brings them back (the HTTP
 * bridge reopens the stream and catches up when that notice is dismissed).
 */
export function NoticeBanner() {
  const { notices, dismiss } = useApp(
    useShallow((s) => ({ notices: s.notices, dismiss: s.dismissNotice }))
  )
  if (notices.length === 0) return null
  return (
    <div className="notices">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice-${n.level}`}
          role={n.level === 'error' ? 'alert' : 'status'}
          data-testid="notice"
        >
          <span>{n.message}</span>
          {n.id === EVENTS_CUT_NOTICE_ID ? (
            <button
              type="button"
              className="btn btn-small"
              data-testid="notice-reload"
              onClick={() => void dismiss(n.id)}
            >
              Reload
            </button>
          ) : (
            <button
              type="button"
              className="btn-icon"
              aria-label="Dismiss"
              data-testid="notice-dismiss"
              onClick={() => void dismiss(n.id)}
            >
              ×
            </button>
          )}
        </div>
      ))}
    </div>
  )
}
