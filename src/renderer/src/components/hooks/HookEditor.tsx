import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { HOOK_TIMEOUT_MAX_S, HOOK_TIMEOUT_MIN_S } from '@shared/schemas'
import { useApp } from '@renderer/store/store-context'
import { Field } from '../common/Field'
import { SchemeSuggestion } from './SchemeSuggestion'

/** Create or edit a study hook, with the same fields as TrialKit's study settings. */
export function HookEditor() {
  const { editor, update, save, close, receiverUrl } = useApp(
    useShallow((s) => ({
      editor: s.hookEditor,
      update: s.updateHookForm,
      save: s.saveHookForm,
      close: s.closeHookEditor,
      receiverUrl: s.receiver?.running ? s.receiver.url : null
    }))
  )
  const [reveal, setReveal] = useState(false)
  if (!editor) return null
  const { form, errors } = editor
  return (
    <form
      className="hook-editor"
      data-testid="hook-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close()
      }}
    >
      <h3 className="subhead">{form.id ? 'Edit hook' : 'New hook'}</h3>
      <Field label="Name (study)" error={errors.name} testId="hook-name">
        <input
          data-testid="hook-name"
          value={form.name}
          autoFocus
          placeholder="e.g. ONCO-301 production"
          onChange={(e) => update({ name: e.target.value })}
        />
      </Field>
      <Field
        label="URL"
        error={errors.url}
        testId="hook-url"
        hint={
          receiverUrl && form.url !== receiverUrl ? (
            <button
              type="button"
              className="btn-link"
              data-testid="hook-url-use-receiver"
              onClick={() => update({ url: receiverUrl })}
            >
              Use the built-in receiver ({receiverUrl})
            </button>
          ) : undefined
        }
      >
        <input
          data-testid="hook-url"
          className="mono"
          value={form.url}
          placeholder="https://integration.example.org/trialkit"
          spellCheck={false}
          onChange={(e) => update({ url: e.target.value })}
        />
      </Field>
      <SchemeSuggestion url={form.url} onPick={(url) => update({ url })} />
      <div className="field-row">
        <Field label="Email" error={errors.email} testId="hook-email">
          <input
            data-testid="hook-email"
            value={form.email}
            autoComplete="off"
            placeholder="optional"
            onChange={(e) => update({ email: e.target.value })}
          />
        </Field>
        <Field label="Password" error={errors.password} testId="hook-password">
          <span className="input-with-button">
            <input
              data-testid="hook-password"
              type={reveal ? 'text' : 'password'}
              value={form.password}
              autoComplete="new-password"
              onChange={(e) => update({ password: e.target.value })}
            />
            <button
              type="button"
              className="btn btn-small"
              data-testid="hook-password-reveal"
              aria-pressed={reveal}
              onClick={() => setReveal(!reveal)}
            >
              {reveal ? 'Hide' : 'Show'}
            </button>
          </span>
        </Field>
      </div>
      {form.password !== '' && form.email === '' && (
        <p className="field-hint">Without an email no Authorization header is sent.</p>
      )}
      <div className="field-row">
        <Field label="Timeout (s)" error={errors.timeoutSeconds} testId="hook-timeout">
          <input
            data-testid="hook-timeout"
            type="number"
            min={HOOK_TIMEOUT_MIN_S}
            max={HOOK_TIMEOUT_MAX_S}
            step={1}
            value={form.timeoutSeconds}
            onChange={(e) => update({ timeoutSeconds: e.target.value })}
          />
        </Field>
        <div className="checks">
          <label className="check">
            <input
              type="checkbox"
              data-testid="hook-insecure"
              checked={form.insecureTls}
              onChange={(e) => update({ insecureTls: e.target.checked })}
            />
            Accept self-signed TLS
          </label>
          <label className="check">
            <input
              type="checkbox"
              data-testid="hook-enabled"
              checked={form.enabled}
              onChange={(e) => update({ enabled: e.target.checked })}
            />
            Enabled
          </label>
        </div>
      </div>
      <div className="form-actions">
        <button type="button" className="btn" data-testid="hook-cancel" onClick={close}>
          Cancel
        </button>
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="hook-save"
          disabled={editor.saving}
        >
          {editor.saving ? 'Saving…' : 'Save hook'}
        </button>
      </div>
    </form>
  )
}
