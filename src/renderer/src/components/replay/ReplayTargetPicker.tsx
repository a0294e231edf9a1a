import { useShallow } from 'zustand/react/shallow'
import type { ReplayTarget } from '@renderer/lib/replay-draft'
import { useApp } from '@renderer/store/store-context'

/** Where a re-send goes: where it went, a saved hook, or another URL (with its error). */
export function ReplayTargetPicker(props: {
  target: ReplayTarget
  error: string | null
  onChange: (target: ReplayTarget) => void
}) {
  const hooks = useApp(useShallow((s) => s.hooks))
  const { target } = props
  return (
    <div className="field">
      <span className="field-label">Send to</span>
      <select
        data-testid="replay-target"
        value={target.kind === 'hook' ? `hook:${target.hookId}` : target.kind}
        onChange={(e) => {
          const v = e.target.value
          if (v === 'same') props.onChange({ kind: 'same' })
          else if (v === 'url') props.onChange({ kind: 'url', url: '' })
          else props.onChange({ kind: 'hook', hookId: v.slice(5) })
        }}
      >
        <option value="same">Where it went</option>
        {hooks.map((h) => (
          <option key={h.id} value={`hook:${h.id}`}>
            Hook “{h.name}”
          </option>
        ))}
        <option value="url">Another URL…</option>
      </select>
      {target.kind === 'url' && (
        <input
          data-testid="replay-url"
          placeholder="https://example.org/hook"
          value={target.url}
          onChange={(e) => props.onChange({ kind: 'url', url: e.target.value })}
        />
      )}
      {props.error && (
        <span className="field-error" role="alert" data-testid="replay-url-error">
          {props.error}
        </span>
      )}
    </div>
  )
}
