import { useState } from 'react'
import { parseScenarioFile } from '@shared/scenarios/scenario-file'
import type { Scenario, ScenarioDraft } from '@shared/schemas'
import { useApp } from '@renderer/store/store-context'
import { Modal } from '../common/Modal'
import { Segmented } from '../common/Segmented'
import { checkForm, formToJson, scenarioToForm } from './scenario-form'
import { ScenarioForm } from './ScenarioForm'
import { errorMessage } from '@shared/error-message'

const NO_ERRORS: Map<string, string> = new Map()

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

type EditorMode = 'form' | 'json'

/**
 * Creates or edits a scenario, as a form (the default) or as its file text: the same JSON that
 * export writes and import reads. Both are checked on save with errors that name the step and
 * field, and nothing is saved until the scenario is valid. Switching to the form parses the text;
 * text that does not parse stays in the JSON view with its error.
 */
export function ScenarioEditor(props: {
  /** The scenario to edit; null id (a copy or a new one) saves a new scenario. */
  scenario: Scenario
  id: string | null
  onClose: () => void
  onSaved: (saved: Scenario) => void
}) {
  const saveScenario = useApp((s) => s.saveScenario)
  const [mode, setMode] = useState<EditorMode>('form')
  const [form, setForm] = useState(() => scenarioToForm(props.scenario))
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Map<string, string>>(NO_ERRORS)
  const [saving, setSaving] = useState(false)

  function showError(message: string | null, fields: Map<string, string> = NO_ERRORS): void {
    setError(message)
    setFieldErrors(fields)
  }

  function switchTo(next: EditorMode): void {
    if (next === mode) return
    if (next === 'json') {
      setText(formToJson(form))
      setMode('json')
      showError(null)
      return
    }
    try {
      setForm(scenarioToForm(parseScenarioFile(text)))
      setMode('form')
      showError(null)
    } catch (e) {
      showError(errorMessage(e))
    }
  }

  /** The scenario to save, or null after showing why there is none. */
  function checked(): ScenarioDraft | null {
    if (mode === 'json') {
      try {
        return parseScenarioFile(text)
      } catch (e) {
        showError(errorMessage(e))
        return null
      }
    }
    const check = checkForm(form)
    if (!check.ok) {
      showError(check.message, check.fieldErrors)
      return null
    }
    return check.draft
  }

  async function save(): Promise<void> {
    const draft = checked()
    if (!draft) return
    setSaving(true)
    try {
      const saved = await saveScenario(props.id ? { ...draft, id: props.id } : draft)
      props.onSaved(saved)
    } catch (e) {
      showError(errorMessage(e))
    } finally {
      setSaving(false)
    }
  }

  const title = props.id ? 'Edit scenario' : 'New scenario'
  return (
    <Modal
      title={title}
      testId="scenario-editor"
      onClose={props.onClose}
      className="modal-wide scenario-editor"
    >
      <header className="panel-head">
        <h2>{title}</h2>
        <Segmented
          ariaLabel="Edit as"
          testId="scenario-editor-mode"
          value={mode}
          options={[
            { value: 'form', label: 'Form', title: 'Edit the scenario field by field' },
            { value: 'json', label: 'JSON', title: 'Edit the scenario file as text' }
          ]}
          onChange={switchTo}
        />
      </header>
      {mode === 'form' ? (
        <ScenarioForm
          form={form}
          fieldErrors={fieldErrors}
          onChange={(next) => {
            setForm(next)
            showError(null)
          }}
        />
      ) : (
        <>
          <p className="muted scenario-editor-help">
            Each step has a <code>title</code>, <code>narration</code>, an <code>event</code>{' '}
            (insert, update, review) with optional <code>fields</code> or a <code>rawBody</code>, a
            receiver <code>behavior</code> (<code>{'{"preset": "Slow"}'}</code> or a whole
            behaviour), optional <code>credentials</code>, <code>timeoutSeconds</code> and{' '}
            <code>pauseMs</code>, and what it <code>expect</code>s:{' '}
            <code>{'{"outcome": "success"}'}</code> or{' '}
            <code>{'{"outcome": "protocol-error", "kind": "timeout"}'}</code>.
          </p>
          <textarea
            className="mono scenario-json"
            aria-label="Scenario file (JSON)"
            data-testid="scenario-editor-text"
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setText(e.target.value)
              showError(null)
            }}
          />
        </>
      )}
      <div className="modal-actions scenario-editor-actions">
        {error && (
          <p className="inline-error" role="alert" data-testid="scenario-editor-error">
            {error}
          </p>
        )}
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
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </Modal>
  )
}
