import { useShallow } from 'zustand/react/shallow'
import { useApp } from '../../store/store-context'

/** Notices from the engine (e.g. settings reset, secrets not persisted), each dismissable. */
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
          <button
            type="button"
            className="btn-icon"
            aria-label="Dismiss"
            data-testid="notice-dismiss"
            onClick={() => void dismiss(n.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
