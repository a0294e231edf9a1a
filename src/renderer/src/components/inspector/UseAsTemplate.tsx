import { useShallow } from 'zustand/react/shallow'
import { base64ToBytesStrict, utf8Decode } from '@shared/bytes'
import type { Capture } from '@shared/schemas'
import { activeHook } from '@renderer/store/dispatch-slice'
import { useApp } from '@renderer/store/store-context'

/**
 * "Use as template": the active hook fires this capture's shape for its event from now on, so the
 * dispatcher can send what the real TrialKit sent rather than the documented sample.
 */
export function UseAsTemplate(props: { capture: Capture }) {
  const { hook, setEventTemplate } = useApp(
    useShallow((s) => ({ hook: activeHook(s), setEventTemplate: s.setEventTemplate }))
  )
  const { event, truncated, bodyBase64 } = props.capture
  if (event === null || truncated || hook === null) return null
  const body = utf8Decode(base64ToBytesStrict(bodyBase64))
  const inUse = hook.templates?.[event] === body
  return (
    <p className="template-actions">
      <button
        type="button"
        className="btn"
        data-testid="use-as-template"
        disabled={inUse}
        onClick={() => void setEventTemplate(event, body)}
        title={`From now on “${hook.name}” fires ${event} events with this body's keys, order and types; the composer's values fill the documented fields.`}
      >
        {inUse ? `Template of “${hook.name}” for ${event}` : `Use as ${event} template`}
      </button>
    </p>
  )
}
