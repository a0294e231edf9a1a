import type { Fault } from '@shared/schemas'
import { FaultOptions } from './FaultOptions'
import type { HookEvent } from '@shared/trialkit'
import { type OverrideForm } from '@renderer/lib/behavior-form'
import type { FieldErrors } from '@renderer/lib/hook-form'
import { Field } from '../common/Field'

/** One event's override: each field left empty inherits the main behavior. */
export function OverrideEditor(props: {
  event: HookEvent
  value: OverrideForm
  errors: FieldErrors
  onChange: (next: OverrideForm) => void
}) {
  const { event, value: o, errors } = props
  const k = `overrides.${event}`
  const set = (patch: Partial<OverrideForm>): void => props.onChange({ ...o, ...patch })
  const id = `override-${event}`
  return (
    <div className="override-body" data-testid={id}>
      <div className="field-row">
        <Field
          label="Status"
          error={errors[`${k}.status`]}
          testId={`${id}-status`}
          className="field-narrow"
        >
          <input
            className="mono"
            inputMode="numeric"
            placeholder="inherit"
            data-testid={`${id}-status`}
            value={o.status}
            onChange={(e) => set({ status: e.target.value })}
          />
        </Field>
        <Field
          label="Delay (ms)"
          error={errors[`${k}.delayMin`]}
          testId={`${id}-delay-min`}
          className="field-narrow"
        >
          <input
            className="mono"
            inputMode="numeric"
            placeholder="inherit"
            data-testid={`${id}-delay-min`}
            value={o.delayMin}
            onChange={(e) => set({ delayMin: e.target.value })}
          />
        </Field>
        <Field
          label="to (ms)"
          error={errors[`${k}.delayMax`]}
          testId={`${id}-delay-max`}
          className="field-narrow"
        >
          <input
            className="mono"
            inputMode="numeric"
            placeholder="= min"
            data-testid={`${id}-delay-max`}
            value={o.delayMax}
            onChange={(e) => set({ delayMax: e.target.value })}
          />
        </Field>
        <Field label="Fault" testId={`${id}-fault`}>
          <select
            data-testid={`${id}-fault`}
            value={o.fault}
            onChange={(e) => set({ fault: e.target.value as Fault | '' })}
          >
            <option value="">inherit</option>
            <FaultOptions />
          </select>
        </Field>
      </div>
      <label className="check">
        <input
          type="checkbox"
          data-testid={`${id}-replace-body`}
          checked={o.replaceBody}
          onChange={(e) => set({ replaceBody: e.target.checked })}
        />
        Replace the body
      </label>
      {o.replaceBody && (
        <textarea
          className="mono"
          rows={2}
          aria-label={`Body for ${event} events`}
          data-testid={`${id}-body`}
          value={o.body}
          onChange={(e) => set({ body: e.target.value })}
        />
      )}
    </div>
  )
}
