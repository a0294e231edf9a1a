import {
  MAX_REVIEW_LEVELS,
  REVIEW_STATUS_MAX,
  REVIEW_STATUS_MIN,
  resolveFields,
  type BodyOverrides,
  type WorkflowLevel
} from '@shared/trialkit'
import { Field } from '../common/Field'
import { IntInput } from '../common/IntInput'

const LEVELS = Array.from({ length: MAX_REVIEW_LEVELS }, (_, i) => i + 1)
const STATUSES = Array.from(
  { length: REVIEW_STATUS_MAX - REVIEW_STATUS_MIN + 1 },
  (_, i) => REVIEW_STATUS_MIN + i
)

/**
 * The review level a review event sends: the given overrides over TrialKit's sample level, with
 * TrialKit's levels 1–5 one click away. Used by the composer and by scenario steps; `testIdPrefix`
 * keeps their test ids apart.
 */
export function ReviewLevelFields(props: {
  fields: BodyOverrides | undefined
  onLevel: (level: number) => void
  onChange: (patch: Partial<WorkflowLevel>) => void
  onLockBroken: (value: boolean) => void
  testIdPrefix?: string
}) {
  const resolved = resolveFields('review', props.fields)
  const wf = resolved.wf
  const id = (name: string): string => `${props.testIdPrefix ?? ''}${name}`
  const num = (key: keyof WorkflowLevel, label: string, testId: string) => (
    <Field label={label} testId={id(testId)} className="field-narrow">
      <IntInput
        testId={id(testId)}
        value={wf[key] as number}
        onChange={(n) => props.onChange({ [key]: n })}
      />
    </Field>
  )
  const flag = (key: keyof WorkflowLevel, label: string, testId: string, disabled = false) => (
    <label className={`check ${disabled ? 'check-disabled' : ''}`}>
      <input
        type="checkbox"
        data-testid={id(testId)}
        checked={wf[key] as boolean}
        disabled={disabled}
        onChange={(e) => props.onChange({ [key]: e.target.checked })}
      />
      {label}
    </label>
  )
  return (
    <fieldset className="review-level" data-testid={id('review-level')}>
      <legend>Review level</legend>
      <div className="level-presets" role="group" aria-label="Review level presets">
        <span className="muted">Preset</span>
        {LEVELS.map((n) => (
          <button
            key={n}
            type="button"
            className={`btn btn-small ${wf.wf_seq === n && wf.wf_status === REVIEW_STATUS_MIN + n - 1 ? 'btn-on' : ''}`}
            data-testid={id(`review-level-${n}`)}
            title={`Level ${n}: status ${REVIEW_STATUS_MIN + n - 1}`}
            aria-label={`Review level ${n}`}
            onClick={() => props.onLevel(n)}
          >
            {n}
          </button>
        ))}
      </div>
      <div className="field-row">
        {num('wf_id', 'wf_id', 'wf-id')}
        {num('wf_seq', 'Order', 'wf-seq')}
        <Field label="Status" testId={id('wf-status')} className="field-narrow">
          <select
            data-testid={id('wf-status')}
            value={wf.wf_status}
            onChange={(e) => props.onChange({ wf_status: Number(e.target.value) })}
          >
            {!STATUSES.includes(wf.wf_status) && (
              <option value={wf.wf_status}>{wf.wf_status}</option>
            )}
            {STATUSES.map((st) => (
              <option key={st} value={st}>
                {st}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Name" testId={id('wf-name')} className="grow">
          <input
            data-testid={id('wf-name')}
            value={wf.wf_name}
            onChange={(e) => props.onChange({ wf_name: e.target.value })}
          />
        </Field>
      </div>
      <div className="field-row">
        {num('wf_role1', 'Role 1', 'wf-role1')}
        {num('wf_role2', 'Role 2', 'wf-role2')}
        {num('wf_role3', 'Role 3', 'wf-role3')}
        <Field label="Description" testId={id('wf-desc')} className="grow">
          <input
            data-testid={id('wf-desc')}
            value={wf.wf_desc}
            onChange={(e) => props.onChange({ wf_desc: e.target.value })}
          />
        </Field>
      </div>
      <div className="checks checks-inline">
        {flag('wf_fl', 'Field verification (wf_fl)', 'wf-fl')}
        {flag('wf_lock', 'Lock', 'wf-lock')}
        {flag('wf_sign', 'E-signature', 'wf-sign')}
        {flag('wf_soft', 'Soft review (level 1 only)', 'wf-soft', wf.wf_seq !== 1)}
        <label className="check">
          <input
            type="checkbox"
            data-testid={id('lock-broken')}
            checked={resolved.LockBroken}
            onChange={(e) => props.onLockBroken(e.target.checked)}
          />
          LockBroken
        </label>
      </div>
    </fieldset>
  )
}
