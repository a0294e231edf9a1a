import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { PUBLIC_PROVIDERS, type PublicProvider } from '@shared/public-url'
import { useApp } from '@renderer/store/store-context'
import { CopyButton } from '../common/CopyButton'
import { Modal } from '../common/Modal'
import '@renderer/styles/public-url.css'

const PROVIDER_HELP: Record<PublicProvider, string> = {
  ssh: 'Your OpenSSH client with a remote forward: a service such as localhost.run (no account: nokey@localhost.run) or your own server.',
  ngrok:
    'The ngrok SDK; needs an authtoken (from NGROK_AUTHTOKEN, or enter it here: it is kept in the secret store).',
  cloudflared: "A Cloudflare quick tunnel; needs Cloudflare's cloudflared on your PATH."
}

/** "Use in TrialKit": what to paste where, once the receiver has a public URL. */
function UseInTrialKit(props: { url: string; email: string | null }) {
  return (
    <div className="use-in-trialkit" data-testid="use-in-trialkit">
      <h4 className="minihead">Use in TrialKit</h4>
      <ol>
        <li>In the study&apos;s hook configuration, set the URL to the public URL above.</li>
        <li>
          {props.email ? (
            <>
              Set the hook&apos;s email to <code>{props.email}</code> and its password to the
              receiver&apos;s expected password.
            </>
          ) : (
            <>Leave email and password empty (anonymous requests are allowed).</>
          )}
        </li>
        <li>Save a record in TrialKit: its request appears in the timeline.</li>
      </ol>
    </div>
  )
}

/**
 * Makes the built-in receiver reachable from the internet through a tunnel the user already
 * trusts, so the real TrialKit can call it. Never on by itself: each launch starts private.
 */
export function MakePublic() {
  const s = useApp(
    useShallow((st) => ({
      status: st.publicStatus,
      busy: st.publicBusy,
      error: st.publicError,
      running: st.receiver?.running ?? false,
      expected: st.behavior.expectedAuth,
      makePublic: st.makePublic,
      stopPublic: st.stopPublic
    }))
  )
  const [open, setOpen] = useState(false)
  const [provider, setProvider] = useState<PublicProvider>('ssh')
  const [target, setTarget] = useState('nokey@localhost.run')
  const [identity, setIdentity] = useState('')
  const [token, setToken] = useState('')
  const [askAnonymous, setAskAnonymous] = useState(false)
  const state = s.status?.state ?? 'off'
  const active = state !== 'off'

  const go = (allowAnonymous: boolean): void => {
    void s
      .makePublic({
        provider,
        target: provider === 'ssh' ? target.trim() : null,
        identityFile: provider === 'ssh' && identity.trim() !== '' ? identity.trim() : null,
        ngrokAuthtoken: provider === 'ngrok' && token.trim() !== '' ? token.trim() : null,
        allowAnonymous
      })
      .then((ok) => {
        if (ok) {
          setOpen(false)
          setToken('')
        }
      })
  }
  const start = (): void => {
    if (s.expected === null) setAskAnonymous(true)
    else go(false)
  }

  return (
    <div className="make-public" data-testid="make-public">
      {active && s.status ? (
        <div className={`public-status public-${state}`} data-testid="public-status">
          <p>
            {state === 'up' && <>Public through {s.status.provider}:</>}
            {state === 'starting' && <>Making it public through {s.status.provider}…</>}
            {state === 'down' && <>The tunnel dropped ({s.status.reason}); reconnecting…</>}
          </p>
          {state === 'up' && s.status.url && (
            <div className="receiver-url">
              <code className="mono" data-testid="public-url">
                {s.status.url}
              </code>
              <CopyButton text={() => s.status?.url ?? ''} label="Copy" testId="public-url-copy" />
            </div>
          )}
          <button
            type="button"
            className="btn btn-small"
            data-testid="public-stop"
            onClick={() => void s.stopPublic()}
          >
            Stop public URL
          </button>
          {state === 'up' && s.status.url && (
            <UseInTrialKit url={s.status.url} email={s.expected?.email ?? null} />
          )}
        </div>
      ) : (
        <button
          type="button"
          className="btn btn-small"
          data-testid="public-open"
          aria-expanded={open}
          disabled={!s.running}
          title={s.running ? undefined : 'Start the receiver first'}
          onClick={() => setOpen(!open)}
        >
          Make public…
        </button>
      )}
      {!active && s.status?.reason && (
        <p className="inline-error" data-testid="public-last-failure">
          Last public URL: {s.status.reason}
        </p>
      )}
      {open && !active && (
        <form
          className="public-form"
          data-testid="public-form"
          onSubmit={(e) => {
            e.preventDefault()
            start()
          }}
        >
          <label className="inline-field">
            Tunnel
            <select
              data-testid="public-provider"
              value={provider}
              onChange={(e) => setProvider(e.target.value as PublicProvider)}
            >
              {PUBLIC_PROVIDERS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <p className="muted">{PROVIDER_HELP[provider]}</p>
          {provider === 'ssh' && (
            <>
              <label className="inline-field">
                Server (user@host[:port])
                <input
                  className="mono"
                  data-testid="public-target"
                  value={target}
                  onChange={(e) => setTarget(e.target.value)}
                />
              </label>
              <label className="inline-field">
                Identity file (optional)
                <input
                  className="mono"
                  data-testid="public-identity"
                  placeholder="~/.ssh/id_ed25519"
                  value={identity}
                  onChange={(e) => setIdentity(e.target.value)}
                />
              </label>
            </>
          )}
          {provider === 'ngrok' && (
            <label className="inline-field">
              Authtoken (optional)
              <input
                type="password"
                autoComplete="off"
                data-testid="public-ngrok-token"
                value={token}
                onChange={(e) => setToken(e.target.value)}
              />
            </label>
          )}
          <p className="muted" data-testid="public-credentials-note">
            {s.expected
              ? `Requests without ${s.expected.email}'s expected password get 401 and are recorded as refused.`
              : 'The behaviour expects no credentials: anyone who finds the URL could send requests. Set expected credentials below, or confirm anonymous access.'}
          </p>
          {s.error && (
            <p className="inline-error" role="alert" data-testid="public-error">
              {s.error}
            </p>
          )}
          <button
            type="submit"
            className="btn btn-primary btn-small"
            data-testid="public-start"
            disabled={s.busy}
          >
            {s.busy ? 'Connecting…' : 'Make public'}
          </button>
        </form>
      )}
      {askAnonymous && (
        <Modal
          title="Public without credentials?"
          testId="public-anonymous"
          onClose={() => setAskAnonymous(false)}
        >
          <h2 className="modal-title">Public without credentials?</h2>
          <p className="modal-text">
            The receiver expects no credentials, so anyone on the internet who finds the URL can
            send requests to it, and the timeline will record what they send. Set expected
            credentials in the behaviour to refuse them instead.
          </p>
          <div className="modal-actions">
            <button
              type="button"
              className="btn"
              data-autofocus
              onClick={() => setAskAnonymous(false)}
            >
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-danger"
              data-testid="public-anonymous-ok"
              onClick={() => {
                setAskAnonymous(false)
                go(true)
              }}
            >
              Make public anyway
            </button>
          </div>
        </Modal>
      )}
    </div>
  )
}
