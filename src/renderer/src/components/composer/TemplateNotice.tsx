import '@renderer/styles/public-url.css'
import { useShallow } from 'zustand/react/shallow'
import { activeHook } from '@renderer/store/dispatch-slice'
import { useApp } from '@renderer/store/store-context'

/** Says when the hook fires a captured shape instead of the documented one, with a way back. */
export function TemplateNotice() {
  const { hook, event, mode, setEventTemplate } = useApp(
    useShallow((s) => ({
      hook: activeHook(s),
      event: s.composer.event,
      mode: s.composer.mode,
      setEventTemplate: s.setEventTemplate
    }))
  )
  if (hook === null || mode === 'raw' || !hook.templates?.[event]) return null
  return (
    <p className="template-notice" data-testid="template-notice">
      “{hook.name}” fires {event} events in a captured shape (its keys, order and types), filled
      with these fields.{' '}
      <button
        type="button"
        className="btn-link"
        data-testid="template-reset"
        onClick={() => void setEventTemplate(event, null)}
      >
        Use the documented body
      </button>
    </p>
  )
}
