import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useApp } from '@renderer/store/store-context'
import { Modal } from '../common/Modal'
import { PasswordInput } from '../receiver/PasswordInput'

/** Asks before a dispatch: the password of a hook without one, or a re-send to another machine. */
export function GateDialog() {
  const { gate, answerPassword, confirmGate, cancelGate } = useApp(
    useShallow((s) => ({
      gate: s.gate,
      answerPassword: s.answerPassword,
      confirmGate: s.confirmGate,
      cancelGate: s.cancelGate
    }))
  )
  const [password, setPassword] = useState('')
  // Credentials for an entry redacted on export are asked inline, by its replay actions.
  if (!gate || gate.kind === 'credentials') return null
  if (gate.kind === 'password') {
    return (
      <Modal title="Password needed" testId="password-prompt" onClose={cancelGate}>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void answerPassword(password).then(() => setPassword(''))
          }}
        >
          <h3 className="subhead">Password needed</h3>
          <p>
            “{gate.hook.name}” sends the email <code className="mono">{gate.hook.email}</code> but
            has no password (passwords are left out of support bundles). TrialKit would send it with
            an empty one. Enter the password to send; it is saved with the hook.
          </p>
          <label className="field">
            <span className="field-label">Password</span>
            <PasswordInput testId="password-prompt-input" value={password} onChange={setPassword} />
          </label>
          <div className="modal-actions">
            <button type="button" className="btn" onClick={cancelGate}>
              Cancel
            </button>
            <button
              type="submit"
              className="btn btn-primary"
              data-testid="password-prompt-send"
              disabled={password === ''}
            >
              Save and send
            </button>
          </div>
        </form>
      </Modal>
    )
  }
  return (
    <Modal title="Send to another machine?" testId="confirm-resend" onClose={cancelGate}>
      <h3 className="subhead">Send to the original URL?</h3>
      <p>This row was imported. Re-sending it as it was calls</p>
      <p>
        <code className="mono" data-testid="confirm-resend-url">
          {gate.url}
        </code>
      </p>
      <p className="muted">
        It is not on this machine and may be a customer’s production endpoint. Use “Re-send to…” to
        send it somewhere else.
      </p>
      <div className="modal-actions">
        <button type="button" className="btn" data-autofocus onClick={cancelGate}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="confirm-resend-send"
          onClick={() => void confirmGate()}
        >
          Send to this URL
        </button>
      </div>
    </Modal>
  )
}
