import { useShallow } from 'zustand/react/shallow'
import { FaultOptions } from './FaultOptions'
import { BEHAVIOR_PRESET_NAMES, isPresetName } from '@shared/presets'
import type { Fault } from '@shared/schemas'
import { HOOK_EVENTS } from '@shared/trialkit'
import { emptyOverride, isFormDirty } from '@renderer/lib/behavior-form'
import { useApp } from '@renderer/store/store-context'
import { Field } from '../common/Field'
import { Segmented } from '../common/Segmented'
import { HeaderListEditor } from './HeaderListEditor'
import { OverrideEditor } from './OverrideEditor'
import { PasswordInput } from './PasswordInput'
import { PresetNote } from './PresetNote'

/** The receiver's answer: preset picker plus every knob of a Behavior, applied on demand. */
export function BehaviorEditor() {
  const { form, errors, saved, saving, update, pickPreset, apply, revert } = useApp(
    useShallow((s) => ({
      form: s.behaviorForm,
      errors: s.behaviorErrors,
      saved: s.behavior,
      saving: s.behaviorSaving,
      update: s.updateBehaviorForm,
      pickPreset: s.pickPreset,
      apply: s.applyBehavior,
      revert: s.revertBehavior
    }))
  )
  const dirty = isFormDirty(form, saved)
  const overrideCount = HOOK_EVENTS.filter((e) => form.overrides[e]).length
  return (
    <form
      className="behavior"
      data-testid="behavior-editor"
      data-dirty={dirty}
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void apply()
      }}
    >
      <div className="behavior-head">
        <h3 className="subhead">Behavior</h3>
        <select
          aria-label="Behavior preset"
          data-testid="behavior-preset"
          value={form.preset ?? ''}
          onChange={(e) => {
            if (isPresetName(e.target.value)) void pickPreset(e.target.value)
          }}
        >
          <option value="">Custom</option>
          {BEHAVIOR_PRESET_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <PresetNote />
      <div className="field-row">
        <Field
          label="Status"
          error={errors.status}
          testId="behavior-status"
          className="field-narrow"
        >
          <input
            className="mono"
            inputMode="numeric"
            data-testid="behavior-status"
            value={form.status}
            onChange={(e) => update({ status: e.target.value })}
          />
        </Field>
        <Field label="Fault" testId="behavior-fault">
          <select
            data-testid="behavior-fault"
            value={form.fault}
            onChange={(e) => update({ fault: e.target.value as Fault })}
          >
            <FaultOptions />
          </select>
        </Field>
      </div>
      <div className="field-row field-row-end">
        <Segmented
          ariaLabel="Delay kind"
          testId="behavior-delay-mode"
          value={form.delayMode}
          options={[
            { value: 'fixed', label: 'Fixed' },
            { value: 'range', label: 'Range' }
          ]}
          onChange={(delayMode) => update({ delayMode, delayMax: form.delayMin })}
        />
        <Field
          label={form.delayMode === 'fixed' ? 'Delay (ms)' : 'Min (ms)'}
          error={errors.delayMin}
          testId="behavior-delay-min"
        >
          <input
            className="mono"
            inputMode="numeric"
            data-testid="behavior-delay-min"
            value={form.delayMin}
            onChange={(e) =>
              update(
                form.delayMode === 'fixed'
                  ? { delayMin: e.target.value, delayMax: e.target.value }
                  : { delayMin: e.target.value }
              )
            }
          />
        </Field>
        {form.delayMode === 'range' && (
          <Field label="Max (ms)" error={errors.delayMax} testId="behavior-delay-max">
            <input
              className="mono"
              inputMode="numeric"
              data-testid="behavior-delay-max"
              value={form.delayMax}
              onChange={(e) => update({ delayMax: e.target.value })}
            />
          </Field>
        )}
      </div>
      <details className="group" data-testid="behavior-response-group">
        <summary>Response headers and body</summary>
        <HeaderListEditor
          headers={form.headers}
          errors={errors}
          testId="behavior-headers"
          onChange={(headers) => update({ headers })}
        />
        <Field label="Body" error={errors.body} testId="behavior-body">
          <textarea
            className="mono"
            rows={3}
            spellCheck={false}
            data-testid="behavior-body"
            value={form.body}
            onChange={(e) => update({ body: e.target.value })}
          />
        </Field>
      </details>
      <details
        className="group"
        open={form.expectAuth || undefined}
        data-testid="behavior-auth-group"
      >
        <summary>
          Expected credentials {form.expectAuth && <span className="badge">on</span>}
        </summary>
        <label className="check check-wrap">
          <input
            type="checkbox"
            data-testid="behavior-expect-auth"
            checked={form.expectAuth}
            onChange={(e) => update({ expectAuth: e.target.checked })}
          />
          Answer 401 unless these Basic credentials are sent
        </label>
        {form.expectAuth && (
          <div className="field-row">
            <Field label="Email" error={errors.authEmail} testId="behavior-auth-email">
              <input
                data-testid="behavior-auth-email"
                value={form.authEmail}
                autoComplete="off"
                onChange={(e) => update({ authEmail: e.target.value })}
              />
            </Field>
            <Field label="Password" error={errors.authPassword} testId="behavior-auth-password">
              <PasswordInput
                testId="behavior-auth-password"
                value={form.authPassword}
                onChange={(authPassword) => update({ authPassword })}
              />
            </Field>
          </div>
        )}
      </details>
      <details
        className="group"
        open={form.forwardTo !== '' || undefined}
        data-testid="behavior-forward-group"
      >
        <summary>Forwarding {form.forwardTo !== '' && <span className="badge">on</span>}</summary>
        <Field
          label="Forward every request to"
          error={errors.forwardTo}
          testId="behavior-forward-to"
          hint="The caller gets that endpoint's answer (502 when it is down); the delay and fault above still apply. The request's path is appended unless it is /."
        >
          <input
            data-testid="behavior-forward-to"
            value={form.forwardTo}
            placeholder="https://your-endpoint.example/hook"
            autoComplete="off"
            onChange={(e) => update({ forwardTo: e.target.value })}
          />
        </Field>
      </details>
      <details className="group" data-testid="behavior-failure-group">
        <summary>
          Failure rate{' '}
          {Number(form.failureRate) > 0 && <span className="badge">{form.failureRate}%</span>}
        </summary>
        <div className="field-row">
          <Field
            label="Rate (%)"
            error={errors.failureRate}
            testId="behavior-failure-rate"
            className="field-narrow"
          >
            <input
              className="mono"
              inputMode="decimal"
              data-testid="behavior-failure-rate"
              value={form.failureRate}
              onChange={(e) => update({ failureRate: e.target.value })}
            />
          </Field>
          <Field
            label="Status"
            error={errors.failureStatus}
            testId="behavior-failure-status"
            className="field-narrow"
          >
            <input
              className="mono"
              inputMode="numeric"
              data-testid="behavior-failure-status"
              value={form.failureStatus}
              onChange={(e) => update({ failureStatus: e.target.value })}
            />
          </Field>
          <Field label="Fault" testId="behavior-failure-fault">
            <select
              data-testid="behavior-failure-fault"
              value={form.failureFault}
              onChange={(e) => update({ failureFault: e.target.value as Fault })}
            >
              <FaultOptions />
            </select>
          </Field>
        </div>
      </details>
      <details
        className="group"
        open={overrideCount > 0 || undefined}
        data-testid="behavior-overrides-group"
      >
        <summary>
          Per-event overrides {overrideCount > 0 && <span className="badge">{overrideCount}</span>}
        </summary>
        {HOOK_EVENTS.map((event) => {
          const o = form.overrides[event]
          return (
            <div key={event} className="override">
              <label className="check">
                <input
                  type="checkbox"
                  data-testid={`override-${event}-enabled`}
                  checked={o !== undefined}
                  onChange={(e) => {
                    const overrides = { ...form.overrides }
                    if (e.target.checked) overrides[event] = emptyOverride()
                    else delete overrides[event]
                    update({ overrides })
                  }}
                />
                Different answer for <strong>{event}</strong> events
              </label>
              {o && (
                <OverrideEditor
                  event={event}
                  value={o}
                  errors={errors}
                  onChange={(next) => update({ overrides: { ...form.overrides, [event]: next } })}
                />
              )}
            </div>
          )
        })}
      </details>
      <div className={`apply-bar ${dirty ? 'apply-bar-dirty' : ''}`}>
        <span className="apply-state" data-testid="behavior-state">
          {dirty ? 'Unsaved changes' : `Applied${saved.preset ? `: ${saved.preset}` : ''}`}
        </span>
        <button
          type="button"
          className="btn btn-small"
          data-testid="behavior-revert"
          disabled={!dirty}
          onClick={revert}
        >
          Revert
        </button>
        <button
          type="submit"
          className="btn btn-small btn-primary"
          data-testid="behavior-apply"
          disabled={!dirty || saving}
        >
          {saving ? 'Applying…' : 'Apply'}
        </button>
      </div>
    </form>
  )
}
