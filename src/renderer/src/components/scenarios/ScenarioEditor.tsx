import { useState } from 'react'
import { parseScenarioFile, serializeScenario } from '../../../../shared/scenarios/scenario-file'
import type { Scenario } from '../../../../shared/schemas'
import { errorText } from '../../store/error-text'
import { useBridge } from '../../store/store-context'
import { Modal } from '../common/Modal'

/** What a new scenario starts from: one step of each kind, ready to change. */
export const NEW_SCENARIO: Scenario = {
  id: 'new',
  name: 'My scenario',
  description: '',
  timeoutSeconds: 5,
  steps: [
    {
      title: 'A new record is saved',
      narration: 'The site user saves a new record; the hook answers at once.',
      event: 'insert',
      fields: { trans_id: '2001' },
      behavior: { preset: 'Healthy' },
      pauseMs: 0,
      expect: { outcome: 'success' }
    },
    {
      title: 'The hook is down',
      narration: 'The same record is updated while the hook answers 500.',
      event: 'update',
      fields: { trans_id: '2001' },
      behavior: { preset: 'Server error' },
      pauseMs: 0,
      expect: { outcome: 'protocol-error', kind: 'http-status' }
    }
  ]
}

/**
 * Creates or edits a scenario as its file text: the same JSON that export writes and import
 * reads, checked on save with errors that name the step and field. Nothing is saved until it is
 * valid.
 */
export function ScenarioEditor(props: {
  /** The scenario to edit; null id (a copy or a new one) saves a new scenario. */
  scenario: Scenario
  id: string | null
  onClose: () => void
  onSaved: (saved: Scenario) => void
}) {
  const bridge = useBridge()
  const [text, setText] = useState(() => serializeScenario(props.scenario))
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  async function save(): Promise<void> {
    let draft
    try {
      draft = parseScenarioFile(text)
    } catch (e) {
      setError(errorText(e))
      return
    }
    setSaving(true)
    try {
      const saved = await bridge.saveScenario(props.id ? { ...draft, id: props.id } : draft)
      props.onSaved(saved)
    } catch (e) {
      setError(errorText(e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      title={props.id ? 'Edit scenario' : 'New scenario'}
      testId="scenario-editor"
      onClose={props.onClose}
      className="modal-wide"
    >
      <header className="panel-head">
        <h2>{props.id ? 'Edit scenario' : 'New scenario'}</h2>
      </header>
      <p className="muted scenario-editor-help">
        Each step has a <code>title</code>, <code>narration</code>, an <code>event</code> (insert,
        update, review) with optional <code>fields</code> or a <code>rawBody</code>, a receiver{' '}
        <code>behavior</code> (<code>{'{"preset": "Slow"}'}</code> or a whole behaviour), optional{' '}
        <code>credentials</code>, <code>timeoutSeconds</code> and <code>pauseMs</code>, and what it{' '}
        <code>expect</code>s: <code>{'{"outcome": "success"}'}</code> or{' '}
        <code>{'{"outcome": "protocol-error", "kind": "timeout"}'}</code>.
      </p>
      <textarea
        className="mono scenario-json"
        data-testid="scenario-editor-text"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          setError(null)
        }}
      />
      {error && (
        <p className="inline-error" role="alert" data-testid="scenario-editor-error">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" className="btn" onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="scenario-editor-save"
          disabled={saving}
          onClick={() => void save()}
        >
          Save
        </button>
      </div>
    </Modal>
  )
}
