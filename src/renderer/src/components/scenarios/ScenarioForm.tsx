import { useEffect, useRef, useState } from 'react'
import { HOOK_TIMEOUT_MAX_S, HOOK_TIMEOUT_MIN_S } from '@shared/schemas'
import { Field } from '../common/Field'
import {
  addStep,
  moveStep,
  removeStep,
  updateStep,
  type ScenarioForm as Form
} from './scenario-form'
import { ScenarioStepEditor } from './ScenarioStepEditor'

/**
 * The scenario as a form: name, description, default timeout, and its steps, which can be added,
 * removed and reordered. Problems from the last check are shown at their fields.
 */
export function ScenarioForm(props: {
  form: Form
  /** Problems by path ("steps.0.title"), from the last check. */
  fieldErrors: Map<string, string>
  onChange: (form: Form) => void
}) {
  const { form, fieldErrors } = props
  const [addedKey, setAddedKey] = useState<number | null>(null)
  // After a removal, the step that took its place (or the new last one) gets the focus.
  const [focusStep, setFocusStep] = useState<number | null>(null)
  const stepsRef = useRef<HTMLOListElement>(null)
  useEffect(() => {
    if (focusStep === null) return
    const title = stepsRef.current?.children[focusStep]?.querySelector<HTMLInputElement>(
      '[data-testid="step-title"]'
    )
    title?.focus()
    setFocusStep(null)
  }, [focusStep])
  const credentials = form.head.credentials
  return (
    <div className="scenario-form" data-testid="scenario-form">
      <div className="field-row">
        <Field label="Name" error={fieldErrors.get('name')} className="grow">
          <input
            data-testid="scenario-form-name"
            data-autofocus
            value={form.head.name}
            onChange={(e) =>
              props.onChange({ ...form, head: { ...form.head, name: e.target.value } })
            }
          />
        </Field>
        <Field
          label="Default timeout (s)"
          error={fieldErrors.get('timeoutSeconds')}
          className="field-num"
        >
          <input
            type="number"
            className="mono"
            data-testid="scenario-form-timeout"
            min={HOOK_TIMEOUT_MIN_S}
            max={HOOK_TIMEOUT_MAX_S}
            step={1}
            value={form.timeoutText}
            onChange={(e) => props.onChange({ ...form, timeoutText: e.target.value })}
          />
        </Field>
      </div>
      <Field label="Description" error={fieldErrors.get('description')}>
        <textarea
          rows={2}
          data-testid="scenario-form-description"
          value={form.head.description ?? ''}
          onChange={(e) =>
            props.onChange({ ...form, head: { ...form.head, description: e.target.value } })
          }
        />
      </Field>
      {credentials && (
        <p className="field-hint" data-testid="scenario-form-credentials">
          Every step sends the scenario&apos;s credentials
          {credentials.email ? ` (${credentials.email})` : ''} unless it has its own; they are kept
          as they are (edit them in JSON).
        </p>
      )}
      <div className="scenario-form-steps-head">
        <h3 className="minihead">Steps</h3>
        <span className="muted small">Empty body fields send TrialKit&apos;s sample values.</span>
      </div>
      {fieldErrors.has('steps') && (
        <p className="field-error" role="alert">
          {fieldErrors.get('steps')}
        </p>
      )}
      <ol className="scenario-form-steps" data-testid="scenario-form-steps" ref={stepsRef}>
        {form.steps.map((s, i) => (
          <ScenarioStepEditor
            key={s.key}
            step={s}
            index={i}
            count={form.steps.length}
            scenarioTimeout={form.timeoutText}
            errorAt={(field) => fieldErrors.get(`steps.${i}.${field}`)}
            autoFocus={s.key === addedKey}
            onChange={(next) => props.onChange(updateStep(form, i, () => next))}
            onMove={(by) => props.onChange(moveStep(form, i, by))}
            onRemove={() => {
              props.onChange(removeStep(form, i))
              setFocusStep(Math.min(i, form.steps.length - 2))
            }}
          />
        ))}
      </ol>
      <button
        type="button"
        className="btn"
        data-testid="scenario-form-add-step"
        onClick={() => {
          const next = addStep(form)
          setAddedKey(next.steps.at(-1)!.key)
          props.onChange(next)
        }}
      >
        Add step
      </button>
    </div>
  )
}
