import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { jsonProblem } from '@renderer/lib/json-problem'
import { targetFields } from '@renderer/lib/replay-draft'
import { useApp } from '@renderer/store/store-context'
import { HeaderListEditor } from '../receiver/HeaderListEditor'
import { ReplayTargetPicker } from './ReplayTargetPicker'
import '@renderer/styles/support.css'

/**
 * The composer while it edits a re-send: the recorded body (sent verbatim) and headers, where it
 * goes, and Send; the new exchange links back to the one it came from.
 */
export function ReplayComposer() {
  const { draft, update, close, replay, pending } = useApp(
    useShallow((s) => ({
      draft: s.replayDraft,
      update: s.updateReplayDraft,
      close: s.closeReplayDraft,
      replay: s.replay,
      pending: s.dispatch.phase === 'pending'
    }))
  )
  const [urlError, setUrlError] = useState<string | null>(null)
  const [bodyProblem, setBodyProblem] = useState<string | null>(null)
  if (!draft) return null

  function send(raw = false): void {
    if (!draft) return
    const target = targetFields(draft.target)
    if (!target.ok) {
      setUrlError(target.message)
      return
    }
    const problem = raw ? null : jsonProblem(draft.body)
    setBodyProblem(problem)
    if (problem) return
    void replay(
      { sourceId: draft.sourceId, ...target.fields, body: draft.body, headers: draft.headers },
      draft.sourceHookId
    ).then(close)
  }

  return (
    <section
      className="panel composer replay-composer"
      data-testid="replay-editor"
      aria-labelledby="replay-title"
    >
      <header className="panel-head">
        <h2 id="replay-title">Edit and re-send</h2>
        <span className="muted ellipsis">
          {draft.event} · from <code className="mono">{draft.sourceId}</code> · went to{' '}
          {draft.sourceUrl}
        </span>
      </header>
      <ReplayTargetPicker
        target={draft.target}
        error={urlError}
        onChange={(target) => {
          setUrlError(null)
          update({ target })
        }}
      />
      <label className="field">
        <span className="field-label">Body (sent verbatim)</span>
        <textarea
          className="mono replay-body"
          data-testid="replay-body"
          spellCheck={false}
          rows={12}
          value={draft.body}
          onChange={(e) => {
            setBodyProblem(null)
            update({ body: e.target.value })
          }}
        />
      </label>
      {bodyProblem && (
        <div className="advice-box" role="alert" data-testid="replay-body-invalid">
          <p>{bodyProblem}</p>
          <p className="composer-actions">
            <span className="muted">
              An endpoint may well refuse this; sending it shows how it does.
            </span>
            <span className="spacer" />
            <button
              type="button"
              className="btn btn-small"
              data-testid="replay-send-raw"
              disabled={pending}
              onClick={() => send(true)}
            >
              Send it raw anyway
            </button>
          </p>
        </div>
      )}
      <div className="field">
        <span className="field-label">
          Headers (replace TrialKit’s of the same name; Host, Content-Length and Connection are
          computed)
        </span>
        <HeaderListEditor
          headers={draft.headers}
          errors={{}}
          onChange={(headers) => update({ headers })}
          testId="replay-headers"
        />
      </div>
      <div className="composer-actions">
        <button type="button" className="btn" data-testid="replay-cancel" onClick={close}>
          Back to composing
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-primary"
          data-testid="replay-send"
          disabled={pending}
          onClick={() => send()}
        >
          Re-send
        </button>
      </div>
    </section>
  )
}
