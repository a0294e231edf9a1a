import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useApp } from '@renderer/store/store-context'
import { CopyButton } from '../common/CopyButton'
import { BehaviorEditor } from './BehaviorEditor'
import { AnonymousQuestion } from './AnonymousQuestion'
import { MakePublic } from './MakePublic'
import { isLoopbackHost } from '@shared/loopback'
import '@renderer/styles/replay.css'

const LOOPBACK = '127.0.0.1'
const ALL_INTERFACES = '0.0.0.0'

/** The embedded receiver: where it listens, whether it runs, and how it answers. */
export function ReceiverPanel() {
  const s = useApp(
    useShallow((st) => ({
      status: st.receiver,
      config: st.receiverConfig,
      start: st.startReceiver,
      stop: st.stopReceiver,
      activeHook: st.hooks.find((h) => h.id === st.activeHookId) ?? null,
      openHookEditor: st.openHookEditor,
      hookEditorOpen: st.hookEditor !== null,
      updateHookForm: st.updateHookForm,
      forwardTo: st.behavior.forwardTo
    }))
  )
  const [portText, setPortText] = useState<string | null>(null)
  const status = s.status
  const running = status?.running ?? false
  const port = portText ?? String(status?.port ?? s.config?.port ?? '')
  const portValid = /^\d+$/.test(port) && Number(port) <= 65535
  const host = status?.host ?? s.config?.host ?? LOOPBACK
  const lan = !isLoopbackHost(host)

  const useAsHookUrl = (): void => {
    if (!status?.url) return
    if (s.hookEditorOpen) s.updateHookForm({ url: status.url })
    else if (s.activeHook) s.openHookEditor(s.activeHook, { url: status.url })
    else s.openHookEditor(null, { name: 'Built-in receiver', url: status.url })
  }

  return (
    <section className="panel" data-testid="receiver-panel" aria-labelledby="receiver-title">
      <header className="panel-head">
        <h2 id="receiver-title">Receiver</h2>
        <span
          className={`pill ${running ? 'pill-ok' : 'pill-error'}`}
          data-testid="receiver-state"
          data-running={running}
        >
          {running ? 'running' : 'stopped'}
        </span>
      </header>
      {status?.error && !running && (
        <p className="inline-error" role="alert" data-testid="receiver-error">
          {status.error}
        </p>
      )}
      {running && status?.url ? (
        <div className="receiver-url">
          <code className="mono" data-testid="receiver-url">
            {status.url}
          </code>
          <CopyButton text={() => status.url ?? ''} label="Copy" testId="receiver-url-copy" />
          <button
            type="button"
            className="btn btn-small"
            data-testid="receiver-use-url"
            onClick={useAsHookUrl}
          >
            Use as hook URL
          </button>
        </div>
      ) : (
        <p className="empty-text">Not listening. Captures appear here once it runs.</p>
      )}
      {s.forwardTo && (
        <p className="notice-line" data-testid="receiver-forwarding">
          Forwarding every request to <code className="mono">{s.forwardTo}</code>
        </p>
      )}
      {status?.exposed && (
        <p className="warning" role="alert" data-testid="receiver-exposed">
          Listening on {host}: anyone on your network can send requests to it and read its answers.
        </p>
      )}
      <div className="receiver-controls">
        <label className="inline-field">
          Port
          <input
            className="port-input mono"
            data-testid="receiver-port"
            inputMode="numeric"
            value={port}
            aria-invalid={!portValid}
            onChange={(e) => setPortText(e.target.value)}
          />
        </label>
        <button
          type="button"
          className="btn btn-small"
          data-testid="receiver-restart"
          disabled={!portValid}
          title="Restart the receiver on this port (0 picks a free one)"
          onClick={() => {
            // On failure the typed port stays, with the reason beside it.
            void s.start({ port: Number(port) }).then((ok) => ok && setPortText(null))
          }}
        >
          {running ? 'Restart' : 'Start'}
        </button>
        {running && (
          <button
            type="button"
            className="btn btn-small"
            data-testid="receiver-stop"
            onClick={() => void s.stop()}
          >
            Stop
          </button>
        )}
        <label className="check" title="Listen on all interfaces instead of loopback only">
          <input
            type="checkbox"
            data-testid="receiver-lan"
            checked={lan}
            onChange={(e) => void s.start({ host: e.target.checked ? ALL_INTERFACES : LOOPBACK })}
          />
          LAN
        </label>
      </div>
      {!portValid && (
        <p className="field-error" data-testid="receiver-port-error">
          The port must be a number from 0 to 65535.
        </p>
      )}
      {portValid && running && status?.error && (
        <p className="field-error" role="alert" data-testid="receiver-restart-error">
          {status.error} It still runs on port {status.port}.
        </p>
      )}
      <MakePublic />
      <AnonymousQuestion />
      <BehaviorEditor />
    </section>
  )
}
