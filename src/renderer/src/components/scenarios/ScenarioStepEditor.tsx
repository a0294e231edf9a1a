import { useId } from 'react'
import { BEHAVIOR_PRESET_NAMES, isPresetName } from '@shared/presets'
import { describeOutcome } from '@shared/scenarios/run-scenario'
import {
  HOOK_TIMEOUT_MAX_S,
  HOOK_TIMEOUT_MIN_S,
  PROTOCOL_ERROR_KINDS,
  type ProtocolErrorKind
} from '@shared/schemas'
import { reviewLevelPreset, sampleFields, type HookEvent } from '@shared/trialkit'
import { Field } from '../common/Field'
import { Segmented } from '../common/Segmented'
import { ReviewLevelFields } from '../composer/ReviewLevelFields'
import {
  behaviorChoice,
  expectsHttpStatus,
  keptNotes,
  likelyOutcome,
  patchStep,
  sameExpect,
  setBehaviorChoice,
  setExpect,
  setExpectKind,
  setLockBroken,
  setOutcome,
  setRecordField,
  setReviewLevel,
  type RecordField,
  type StepForm
} from './scenario-form'

const EVENT_OPTIONS: { value: HookEvent; label: string; title: string }[] = [
  { value: 'insert', label: 'Insert', title: 'A record saved new' },
  { value: 'update', label: 'Update', title: 'A record changed' },
  { value: 'review', label: 'Review', title: 'A review level changed' }
]

const RECORD_FIELDS: { name: RecordField; testId: string; mono: boolean }[] = [
  { name: 'trans_id', testId: 'step-trans-id', mono: true },
  { name: 'form_id', testId: 'step-form-id', mono: true },
  { name: 'form_name', testId: 'step-form-name', mono: false }
]

/** One step of a scenario in the form: what is sent, how the receiver answers, what is expected. */
export function ScenarioStepEditor(props: {
  step: StepForm
  index: number
  count: number
  /** The scenario's timeout as typed, shown where the step does not set its own. */
  scenarioTimeout: string
  /** The check's problem with a field of this step ("title", "expect.kind"…), if any. */
  errorAt: (field: string) => string | undefined
  autoFocus: boolean
  onChange: (next: StepForm) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
}) {
  const { step: s, index: i } = props
  const step = s.step
  const id = useId()
  const number = i + 1
  const sample = sampleFields(step.event)
  const choice = behaviorChoice(s)
  const likely = likelyOutcome(s)
  const notes = keptNotes(s)
  const set = props.onChange
  return (
    <li className="scenario-step" data-testid={`scenario-form-step-${i}`}>
      <section aria-labelledby={`${id}-head`}>
        <header className="scenario-step-head">
          <h3 className="subhead" id={`${id}-head`}>
            <span className="scenario-step-number">Step {number}</span>
            <span className="scenario-step-title">{step.title}</span>
          </h3>
          <span className="spacer" />
          <button
            type="button"
            className="btn btn-small"
            data-testid="step-move-up"
            aria-label={`Move step ${number} up`}
            title="Move up"
            disabled={i === 0}
            onClick={() => props.onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="step-move-down"
            aria-label={`Move step ${number} down`}
            title="Move down"
            disabled={i === props.count - 1}
            onClick={() => props.onMove(1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="step-remove"
            aria-label={`Remove step ${number}`}
            title={props.count === 1 ? 'A scenario needs at least one step' : 'Remove this step'}
            disabled={props.count === 1}
            onClick={props.onRemove}
          >
            Remove
          </button>
        </header>
        {notes.length > 0 && (
          <ul className="scenario-step-notes" data-testid="step-notes" aria-label="Kept as it is">
            {notes.map((n) => (
              <li key={n} className="badge badge-muted">
                {n}
              </li>
            ))}
          </ul>
        )}
        <div className="field-row">
          <Field label="Title" error={props.errorAt('title')} className="grow">
            <input
              data-testid="step-title"
              value={step.title}
              autoFocus={props.autoFocus}
              onChange={(e) => set(patchStep(s, { title: e.target.value }))}
            />
          </Field>
          <div className="field field-auto">
            <span className="field-label">Event</span>
            <Segmented
              ariaLabel={`Event of step ${number}`}
              testId="step-event"
              value={step.event}
              options={EVENT_OPTIONS}
              onChange={(event) => set(patchStep(s, { event }))}
            />
          </div>
        </div>
        <Field label="Narration" error={props.errorAt('narration')}>
          <textarea
            rows={2}
            data-testid="step-narration"
            value={step.narration ?? ''}
            onChange={(e) => set(patchStep(s, { narration: e.target.value }))}
          />
        </Field>
        <div className="field-row">
          {RECORD_FIELDS.map((f) => (
            <Field
              key={f.name}
              label={f.name}
              error={props.errorAt(`fields.${f.name}`)}
              className={f.name === 'form_name' ? 'grow-2' : undefined}
            >
              <input
                className={f.mono ? 'mono' : undefined}
                data-testid={f.testId}
                value={step.fields?.[f.name] ?? ''}
                placeholder={sample[f.name]}
                title="Empty sends TrialKit's sample value"
                onChange={(e) => set(setRecordField(s, f.name, e.target.value))}
              />
            </Field>
          ))}
        </div>
        {step.event === 'review' && (
          <ReviewLevelFields
            testIdPrefix="step-"
            fields={step.fields}
            onLevel={(n) => set(setReviewLevel(s, reviewLevelPreset(n)))}
            onChange={(patch) => set(setReviewLevel(s, patch))}
            onLockBroken={(v) => set(setLockBroken(s, v))}
          />
        )}
        <div className="field-row">
          <Field label="Receiver behaviour" error={props.errorAt('behavior')} className="grow">
            <select
              data-testid="step-behavior"
              value={choice}
              onChange={(e) => {
                const v = e.target.value
                if (v === '' || v === 'custom' || isPresetName(v)) set(setBehaviorChoice(s, v))
              }}
            >
              <option value="">None of its own (the receiver answers Healthy)</option>
              {BEHAVIOR_PRESET_NAMES.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
              {s.customBehavior && <option value="custom">Custom behaviour (kept as it is)</option>}
            </select>
          </Field>
          <div className="field field-auto">
            <span className="field-label">Expected outcome</span>
            <Segmented
              ariaLabel={`Expected outcome of step ${number}`}
              testId="step-outcome"
              value={step.expect.outcome}
              options={[
                {
                  value: 'success',
                  label: 'Success',
                  title: 'The TrialKit user sees the record saved'
                },
                {
                  value: 'protocol-error',
                  label: 'ProtocolError',
                  title: 'The TrialKit user sees a ProtocolError'
                }
              ]}
              onChange={(outcome) => set(setOutcome(s, outcome))}
            />
          </div>
          {step.expect.outcome === 'protocol-error' && (
            <Field label="Kind" error={props.errorAt('expect.kind')} className="field-kind">
              <select
                data-testid="step-kind"
                value={step.expect.kind}
                onChange={(e) => set(setExpectKind(s, e.target.value as ProtocolErrorKind))}
              >
                {PROTOCOL_ERROR_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {expectsHttpStatus(step.expect) && (
            <Field
              label="HTTP status"
              error={props.errorAt('expect.status')}
              hint="Empty: any status"
              className="field-num"
            >
              <input
                type="number"
                className="mono"
                data-testid="step-status"
                min={100}
                max={599}
                step={1}
                value={s.statusText}
                placeholder="any"
                title="Pin the status the hook must answer with (e.g. 401); empty: any status outside 2xx"
                onChange={(e) => set({ ...s, statusText: e.target.value })}
              />
            </Field>
          )}
          <Field label="Pause before (ms)" error={props.errorAt('pauseMs')} className="field-num">
            <input
              type="number"
              className="mono"
              data-testid="step-pause"
              min={0}
              max={600_000}
              step={100}
              value={s.pauseText}
              onChange={(e) => set({ ...s, pauseText: e.target.value })}
            />
          </Field>
          <Field label="Timeout (s)" error={props.errorAt('timeoutSeconds')} className="field-num">
            <input
              type="number"
              className="mono"
              data-testid="step-timeout"
              min={HOOK_TIMEOUT_MIN_S}
              max={HOOK_TIMEOUT_MAX_S}
              step={1}
              value={s.timeoutText}
              placeholder={props.scenarioTimeout ? `${props.scenarioTimeout} (default)` : undefined}
              title="Empty uses the scenario's timeout"
              onChange={(e) => set({ ...s, timeoutText: e.target.value })}
            />
          </Field>
        </div>
        {likely && !sameExpect(likely, step.expect) && (
          <p className="field-hint scenario-step-likely" data-testid="step-likely">
            With {choice === '' ? 'no behaviour of its own (Healthy)' : choice}, a TrialKit user
            usually gets {describeOutcome(likely)}.{' '}
            <button
              type="button"
              className="btn-link"
              data-testid="step-expect-likely"
              onClick={() => set(setExpect(s, likely))}
            >
              Expect that
            </button>
          </p>
        )}
      </section>
    </li>
  )
}
