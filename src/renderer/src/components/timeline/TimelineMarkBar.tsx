import { useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { scenarioFromEntries } from '@shared/scenarios/from-history'
import type { ScenarioExpect } from '@shared/schemas'
import { markedEntries } from '@renderer/store/mark-slice'
import { useApp } from '@renderer/store/store-context'
import { Modal } from '../common/Modal'
import '@renderer/styles/timeline-marks.css'
import { errorMessage } from '@shared/error-message'

/** An expectation as a person reads it: "success", "ProtocolError http-status 401". */
export function expectText(expect: ScenarioExpect): string {
  if (expect.outcome === 'success') return 'success'
  return `ProtocolError ${expect.kind}${expect.status === undefined ? '' : ` ${expect.status}`}`
}

/**
 * Above the timeline while rows are marked: how many, "Save as scenario…" (each row a step, oldest
 * first, its outcome the expectation) and a way to unmark them.
 */
export function TimelineMarkBar() {
  const { count, clearMarks } = useApp(
    useShallow((s) => ({ count: s.markedRowIds.length, clearMarks: s.clearMarks }))
  )
  const [saving, setSaving] = useState(false)
  if (count === 0) return null
  return (
    <div className="tl-marks" role="toolbar" aria-label="Marked rows" data-testid="timeline-marks">
      <span data-testid="timeline-marks-count">
        {count} {count === 1 ? 'row' : 'rows'} selected
      </span>
      <span className="muted">Ctrl/Cmd-click or Space adds one, Shift-click a range</span>
      <span className="spacer" />
      <button
        type="button"
        className="btn btn-small btn-primary"
        data-testid="timeline-save-scenario"
        onClick={() => setSaving(true)}
      >
        Save as scenario…
      </button>
      <button
        type="button"
        className="btn btn-small"
        data-testid="timeline-marks-clear"
        onClick={clearMarks}
      >
        Clear selection
      </button>
      {saving && <SaveScenarioDialog onClose={() => setSaving(false)} />}
    </div>
  )
}

function SaveScenarioDialog(props: { onClose: () => void }) {
  const { rows, marked, save } = useApp(
    useShallow((s) => ({
      rows: s.history.rows,
      marked: s.markedRowIds,
      save: s.saveMarkedAsScenario
    }))
  )
  const [name, setName] = useState('Customer sequence')
  const [busy, setBusy] = useState(false)
  const preview = useMemo(() => {
    try {
      return {
        ok: true as const,
        ...scenarioFromEntries('preview', markedEntries(marked.map((id) => rows.get(id))))
      }
    } catch (e) {
      return { ok: false as const, message: errorMessage(e) }
    }
  }, [rows, marked])
  const nameProblem = name.trim() === '' ? 'must not be empty' : null

  return (
    <Modal title="Save as scenario" testId="save-scenario" onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (nameProblem || !preview.ok) return
          setBusy(true)
          void save(name.trim()).then((saved) => {
            setBusy(false)
            if (saved) props.onClose()
          })
        }}
      >
        <h3 className="subhead">Save as scenario</h3>
        <label className="field">
          <span className="field-label">Name</span>
          <input
            data-testid="save-scenario-name"
            value={name}
            aria-invalid={nameProblem !== null}
            onChange={(e) => setName(e.target.value)}
          />
          {nameProblem && (
            <span className="field-error" role="alert" data-testid="save-scenario-name-error">
              {nameProblem}
            </span>
          )}
        </label>
        {preview.ok ? (
          <>
            <p className="muted">
              Each row is a step, oldest first: its event and body, and its outcome as what the step
              expects. Run it against a fixed endpoint here or with{' '}
              <code className="mono">hook-inspector run</code>.
            </p>
            <ol className="scenario-steps-preview" data-testid="save-scenario-steps">
              {preview.draft.steps.map((step, i) => (
                <li key={i}>
                  <strong>{step.event}</strong> ·{' '}
                  {step.rawBody === undefined ? 'built body' : 'raw body'} · expects{' '}
                  {expectText(step.expect)}
                </li>
              ))}
            </ol>
            {preview.skipped.length > 0 && (
              <p className="muted" data-testid="save-scenario-skipped">
                Left out (aborted, no outcome to expect): {preview.skipped.join(', ')}
              </p>
            )}
          </>
        ) : (
          <p className="field-error" role="alert" data-testid="save-scenario-problem">
            {preview.message}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="save-scenario-save"
            disabled={busy || !preview.ok}
          >
            Save scenario
          </button>
        </div>
      </form>
    </Modal>
  )
}
