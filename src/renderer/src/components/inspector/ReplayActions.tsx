import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { HeaderList } from '../../../../shared/schemas'
import { checkHookUrl } from '../../../../shared/wire-request'
import type { TimelineRow } from '../../lib/history-index'
import { useApp } from '../../store/store-context'
import { Modal } from '../common/Modal'
import { HeaderListEditor } from '../receiver/HeaderListEditor'
import '../../styles/replay.css'

/** The body a row's request carried, as text (a capture's bytes decoded as UTF-8). */
function bodyOf(row: TimelineRow): string {
  if (row.exchange) return row.exchange.request.body
  const c = row.capture!
  const bytes = Uint8Array.from(atob(c.bodyBase64), (ch) => ch.charCodeAt(0))
  return new TextDecoder().decode(bytes)
}

/** Headers worth editing: what was sent minus those the dispatcher computes itself. */
function editableHeaders(row: TimelineRow): HeaderList {
  const all = row.exchange ? row.exchange.request.headers : row.capture!.headers
  const computed = new Set(['host', 'content-length', 'connection', 'transfer-encoding'])
  return all.filter(([n]) => !computed.has(n.toLowerCase()))
}

type Target = { kind: 'same' } | { kind: 'hook'; hookId: string } | { kind: 'url'; url: string }

/**
 * Replay from the inspector: re-send as it was, re-send to another hook or URL, or edit the body
 * and headers first. Each blocks like a fire and its exchange links back to this row.
 */
export function ReplayActions(props: { row: TimelineRow }) {
  const { row } = props
  const { hooks, replay, pending } = useApp(
    useShallow((s) => ({
      hooks: s.hooks,
      replay: s.replay,
      pending: s.dispatch.phase === 'pending'
    }))
  )
  const [dialog, setDialog] = useState<'to' | 'edit' | null>(null)
  const [target, setTarget] = useState<Target>({ kind: 'same' })
  const [body, setBody] = useState('')
  const [headers, setHeaders] = useState<HeaderList>([])
  const [urlError, setUrlError] = useState<string | null>(null)
  const source = row.exchange ?? row.capture
  if (!source || (row.exchange && row.exchange.state !== 'done')) return null
  const sourceId = source.id
  const truncated = !row.exchange && row.capture!.truncated

  function targetFields(): { hookId?: string; url?: string } | null {
    if (target.kind === 'hook') return { hookId: target.hookId }
    if (target.kind === 'url') {
      const check = checkHookUrl(target.url)
      if (!check.ok) {
        setUrlError(check.message)
        return null
      }
      return { url: target.url.trim() }
    }
    return {}
  }

  function send(edited: boolean): void {
    const fields = targetFields()
    if (!fields) return
    setDialog(null)
    void replay({
      sourceId,
      ...fields,
      ...(edited ? { body, headers } : {})
    })
  }

  const targetPicker = (
    <div className="field">
      <span className="field-label">Send to</span>
      <select
        data-testid="replay-target"
        value={target.kind === 'hook' ? `hook:${target.hookId}` : target.kind}
        onChange={(e) => {
          const v = e.target.value
          setUrlError(null)
          if (v === 'same') setTarget({ kind: 'same' })
          else if (v === 'url') setTarget({ kind: 'url', url: '' })
          else setTarget({ kind: 'hook', hookId: v.slice(5) })
        }}
      >
        <option value="same">Where it went</option>
        {hooks.map((h) => (
          <option key={h.id} value={`hook:${h.id}`}>
            Hook “{h.name}”
          </option>
        ))}
        <option value="url">Another URL…</option>
      </select>
      {target.kind === 'url' && (
        <input
          data-testid="replay-url"
          placeholder="https://example.org/hook"
          value={target.url}
          onChange={(e) => {
            setTarget({ kind: 'url', url: e.target.value })
            setUrlError(null)
          }}
        />
      )}
      {urlError && (
        <span className="field-error" role="alert" data-testid="replay-url-error">
          {urlError}
        </span>
      )}
    </div>
  )

  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        data-testid="inspector-resend"
        title={
          truncated
            ? 'The body was cut short when it was captured, so it cannot be re-sent as it was.'
            : 'Send the same bytes again to where they went; the new exchange links back here'
        }
        disabled={pending || truncated}
        onClick={() => void replay({ sourceId }, row.exchange?.hookId ?? null)}
      >
        Re-send
      </button>
      <button
        type="button"
        className="btn btn-small"
        data-testid="inspector-resend-to"
        disabled={pending || truncated}
        onClick={() => {
          setTarget({
            kind: hooks[0] ? 'hook' : 'url',
            ...(hooks[0] ? { hookId: hooks[0].id } : { url: '' })
          } as Target)
          setUrlError(null)
          setDialog('to')
        }}
      >
        Re-send to…
      </button>
      <button
        type="button"
        className="btn btn-small"
        data-testid="inspector-edit-resend"
        disabled={pending || truncated}
        onClick={() => {
          setBody(bodyOf(row))
          setHeaders(editableHeaders(row))
          setTarget({ kind: 'same' })
          setUrlError(null)
          setDialog('edit')
        }}
      >
        Edit and re-send…
      </button>
      {dialog === 'to' && (
        <Modal title="Re-send to" testId="replay-dialog" onClose={() => setDialog(null)}>
          <header className="panel-head">
            <h2>Re-send to another hook or URL</h2>
          </header>
          {targetPicker}
          <p className="muted">
            The body goes byte for byte; a URL keeps the credentials it was sent with, a hook uses
            its own.
          </p>
          <div className="modal-actions">
            <button type="button" className="btn" onClick={() => setDialog(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="replay-send"
              onClick={() => send(false)}
            >
              Send
            </button>
          </div>
        </Modal>
      )}
      {dialog === 'edit' && (
        <Modal
          title="Edit and re-send"
          testId="replay-editor"
          onClose={() => setDialog(null)}
          className="modal-wide"
        >
          <header className="panel-head">
            <h2>Edit and re-send</h2>
          </header>
          {targetPicker}
          <label className="field">
            <span className="field-label">Body (sent verbatim)</span>
            <textarea
              className="mono replay-body"
              data-testid="replay-body"
              spellCheck={false}
              rows={10}
              value={body}
              onChange={(e) => setBody(e.target.value)}
            />
          </label>
          <div className="field">
            <span className="field-label">
              Headers (replace TrialKit’s of the same name; Host, Content-Length and Connection are
              computed)
            </span>
            <HeaderListEditor
              headers={headers}
              errors={{}}
              onChange={setHeaders}
              testId="replay-headers"
            />
          </div>
          <div className="modal-actions">
            <button type="button" className="btn" onClick={() => setDialog(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="replay-send"
              onClick={() => send(true)}
            >
              Send
            </button>
          </div>
        </Modal>
      )}
    </>
  )
}
