import { useShallow } from 'zustand/react/shallow'
import {
  MAX_REVIEW_LEVELS,
  REVIEW_STATUS_MAX,
  REVIEW_STATUS_MIN,
  resolveFields,
  type WorkflowLevel
} from '../../../../shared/trialkit'
import { useApp } from '../../store/store-context'
import { Field } from '../common/Field'
import { IntInput } from '../common/IntInput'

const LEVELS = Array.from({ length: MAX_REVIEW_LEVELS }, (_, i) => i + 1)
const STATUSES = Array.from(
  { length: REVIEW_STATUS_MAX - REVIEW_STATUS_MIN + 1 },
  (_, i) => REVIEW_STATUS_MIN + i
)

/** The review level of a review event, with presets for TrialKit's levels 1–5. */
export function ReviewLevelEditor() {
  const { composer, setWf, applyReviewLevel, setLockBroken } = useApp(
    useShallow((s) => ({
      composer: s.composer,
      setWf: s.setWf,
      applyReviewLevel: s.applyReviewLevel,
      setLockBroken: s.setLockBroken
    }))
  )
  const fields = resolveFields('review', composer.overrides)
  const wf = fields.wf
  const num = (key: keyof WorkflowLevel, label: string, testId: string) => (
    <Field label={label} testId={testId} className="field-narrow">
      <IntInput testId={testId} value={wf[key] as number} onChange={(n) => setWf({ [key]: n })} />
    </Field>
  )
  const flag = (key: keyof WorkflowLevel, label: string, testId: string, disabled = false) => (
    <label className={`check ${disabled ? 'check-disabled' : ''}`}>
      <input
        type="checkbox"
        data-testid={testId}
        checked={wf[key] as boolean}
        disabled={disabled}
        onChange={(e) => setWf({ [key]: e.target.checked })}
      />
      {label}
    </label>
  )
  return (
    <fieldset className="review-level" data-testid="review-level">
      <legend>Review level</legend>
      <div className="level-presets">
        <span className="muted">Preset</span>
        {LEVELS.map((n) => (
          <button
            key={n}
            type="button"
            className={`btn btn-small ${wf.wf_seq === n && wf.wf_status === REVIEW_STATUS_MIN + n - 1 ? 'btn-on' : ''}`}
            data-testid={`review-level-${n}`}
            title={`Level ${n}: status ${REVIEW_STATUS_MIN + n - 1}`}
            onClick={() => applyReviewLevel(n)}
          >
            {n}
          </button>
        ))}
      </div>
      <div className="field-row">
        {num('wf_id', 'wf_id', 'wf-id')}
        {num('wf_seq', 'Order', 'wf-seq')}
        <Field label="Status" testId="wf-status" className="field-narrow">
          <select
            data-testid="wf-status"
            value={wf.wf_status}
            onChange={(e) => setWf({ wf_status: Number(e.target.value) })}
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
        <Field label="Name" testId="wf-name" className="grow">
          <input
            data-testid="wf-name"
            value={wf.wf_name}
            onChange={(e) => setWf({ wf_name: e.target.value })}
          />
        </Field>
      </div>
      <div className="field-row">
        {num('wf_role1', 'Role 1', 'wf-role1')}
        {num('wf_role2', 'Role 2', 'wf-role2')}
        {num('wf_role3', 'Role 3', 'wf-role3')}
        <Field label="Description" testId="wf-desc" className="grow">
          <input
            data-testid="wf-desc"
            value={wf.wf_desc}
            onChange={(e) => setWf({ wf_desc: e.target.value })}
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
            data-testid="lock-broken"
            checked={fields.LockBroken}
            onChange={(e) => setLockBroken(e.target.checked)}
          />
          LockBroken
        </label>
      </div>
    </fieldset>
  )
}
