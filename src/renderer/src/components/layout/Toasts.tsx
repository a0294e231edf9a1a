import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Toast } from '@renderer/store/ui-types'
import { useApp } from '@renderer/store/store-context'

function ToastItem(props: { toast: Toast; dismiss: (id: string) => void }) {
  const { toast, dismiss } = props
  useEffect(() => {
    // Errors stay until dismissed: an error nobody saw is an error swallowed.
    if (toast.level === 'error') return
    const t = setTimeout(() => dismiss(toast.id), 3500)
    return () => clearTimeout(t)
  }, [toast, dismiss])
  return (
    <div
      className={`toast toast-${toast.level}`}
      role={toast.level === 'error' ? 'alert' : 'status'}
      data-testid="toast"
      data-level={toast.level}
    >
      <span>{toast.message}</span>
      <button
        type="button"
        className="btn-icon"
        aria-label="Dismiss"
        onClick={() => dismiss(toast.id)}
      >
        ×
      </button>
    </div>
  )
}

/** Short messages at the bottom right: results of actions and errors not tied to a field. */
export function Toasts() {
  const { toasts, dismiss } = useApp(
    useShallow((s) => ({ toasts: s.toasts, dismiss: s.dismissToast }))
  )
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} dismiss={dismiss} />
      ))}
    </div>
  )
}
