import { useEffect, useId, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ReplayCredentialsSchema } from '../../../../shared/replay'
import { sentEmailOf } from '../../../../shared/sent-email'
import { useApp } from '../../store/store-context'
import { Field } from '../common/Field'
import { PasswordInput } from '../receiver/PasswordInput'
import '../../styles/replay.css'

/**
 * Asks, by the replay actions of an entry, for the email and password to re-send it with when its
 * Authorization was redacted on export: shown while the re-send waits for them (nothing is sent
 * until they are given, or the re-send is cancelled).
 */
export function ReplayCredentialsPrompt(props: { sourceId: string }) {
  const asking = useApp((s) => s.gate?.kind === 'credentials' && s.gate.sourceId === props.sourceId)
  // The email the source was sent with, kept when its Authorization was redacted: pre-filled.
  const sentEmail = useApp((s) => {
    const row = s.history.rows.get(s.history.rowOf.get(props.sourceId) ?? '')
    const source = row?.exchange?.id === props.sourceId ? row.exchange : row?.capture
    return source ? sentEmailOf(source) : null
  })
  return asking ? <CredentialsForm sentEmail={sentEmail} /> : null
}

function CredentialsForm(props: { sentEmail: string | null }) {
  const { answer, cancel } = useApp(
    useShallow((s) => ({ answer: s.answerCredentials, cancel: s.cancelGate }))
  )
  const id = useId()
  const email = useRef<HTMLInputElement>(null)
  const [form, setForm] = useState({ email: props.sentEmail ?? '', password: '' })
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({})
  useEffect(() => email.current?.focus(), [])

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
    void answer(parsed.data)
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
        This entry’s Authorization was redacted when it was exported, so it cannot be re-sent as it
        was. Give the email and password to send with it (HTTP Basic, as TrialKit sends them); they
        are used for this re-send only.
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
          <PasswordInput
            testId="replay-credentials-password"
            value={form.password}
            onChange={(password) => {
              setErrors({ ...errors, password: undefined })
              setForm({ ...form, password })
            }}
          />
        </Field>
      </div>
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
