import { useEffect, useId, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ReplayCredentialsSchema } from '@shared/replay'
import { useApp } from '@renderer/store/store-context'
import type { DispatchGate } from '@renderer/store/gate-types'
import { Field } from '../common/Field'
import { PasswordInput } from '../receiver/PasswordInput'
import '@renderer/styles/replay.css'

/**
 * Asks, by the replay actions of an entry, for the email and password to re-send it with when it
 * lacks them (its Authorization was redacted on export, or the hook it goes to has no password):
 * the same prompt for Re-send, Re-send to… and Edit and re-send. Nothing is sent until they are
 * given or the re-send is cancelled; the password is used for this send only unless it is saved
 * with the hook it goes to.
 */
export function ReplayCredentialsPrompt(props: { sourceId: string }) {
  const gate = useApp((s) =>
    s.gate?.kind === 'credentials' && s.gate.sourceId === props.sourceId ? s.gate : null
  )
  return gate ? <CredentialsForm key={props.sourceId} gate={gate} /> : null
}

type CredentialsGate = Extract<DispatchGate, { kind: 'credentials' }>

function whyText(gate: CredentialsGate): string {
  const once = gate.hook
    ? 'they are used for this re-send only unless you save them with the hook.'
    : 'they are used for this re-send only.'
  if (gate.why === 'no-password') {
    return `“${gate.hook?.name ?? 'The hook'}” has an email but no password (passwords are left out of support bundles). Give the password to send (HTTP Basic, as TrialKit sends it); ${once}`
  }
  return `This entry’s Authorization was redacted when it was exported, so it cannot be re-sent as it was. Give the email and password to send with it (HTTP Basic, as TrialKit sends them); ${once}`
}

function CredentialsForm(props: { gate: CredentialsGate }) {
  const { gate } = props
  const { answer, cancel } = useApp(
    useShallow((s) => ({ answer: s.answerCredentials, cancel: s.cancelGate }))
  )
  const id = useId()
  const email = useRef<HTMLInputElement>(null)
  const passwordBox = useRef<HTMLSpanElement>(null)
  const [form, setForm] = useState({ email: gate.email, password: '' })
  const [save, setSave] = useState(false)
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({})
  useEffect(() => {
    // With the email already known, the password is what is left to type.
    if (gate.email === '') email.current?.focus()
    else passwordBox.current?.querySelector('input')?.focus()
  }, [gate.email])

  function send(): void {
    const parsed = ReplayCredentialsSchema.safeParse(form)
    if (!parsed.success) {
      const next: { email?: string; password?: string } = {}
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === 'password' ? 'password' : 'email'
        next[field] ??= issue.message
      }
      setErrors(next)
      if (next.email !== undefined) email.current?.focus()
      return
    }
    void answer(parsed.data, save)
  }
  return (
    <form
      className="replay-credentials"
      data-testid="replay-credentials"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-why`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        send()
      }}
    >
      <h3 className="subhead" id={`${id}-title`}>
        Credentials needed to re-send
      </h3>
      <p id={`${id}-why`} data-testid="replay-credentials-why">
        {whyText(gate)}
      </p>
      <div className="field-row">
        <Field label="Email" error={errors.email} testId="replay-credentials-email">
          <input
            ref={email}
            data-testid="replay-credentials-email"
            type="email"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errors.email !== undefined}
            value={form.email}
            onChange={(e) => {
              setErrors({ ...errors, email: undefined })
              setForm({ ...form, email: e.target.value })
            }}
          />
        </Field>
        <Field label="Password" error={errors.password} testId="replay-credentials-password">
          <span ref={passwordBox} className="replay-credentials-password">
            <PasswordInput
              testId="replay-credentials-password"
              value={form.password}
              onChange={(password) => {
                setErrors({ ...errors, password: undefined })
                setForm({ ...form, password })
              }}
            />
          </span>
        </Field>
      </div>
      {gate.hook && (
        <label className="check">
          <input
            type="checkbox"
            data-testid="replay-credentials-save"
            checked={save}
            onChange={(e) => setSave(e.target.checked)}
          />{' '}
          Save with the hook “{gate.hook.name}”
        </label>
      )}
      <div className="modal-actions">
        <button
          type="button"
          className="btn btn-small"
          data-testid="replay-credentials-cancel"
          onClick={cancel}
        >
          Cancel
        </button>
        <button
          type="submit"
          className="btn btn-small btn-primary"
          data-testid="replay-credentials-send"
        >
          Re-send with these
        </button>
      </div>
    </form>
  )
}
