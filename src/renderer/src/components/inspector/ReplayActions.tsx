import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { TimelineRow } from '@renderer/lib/history-index'
import { draftOf, targetFields, type ReplayTarget } from '@renderer/lib/replay-draft'
import { useApp } from '@renderer/store/store-context'
import { Modal } from '../common/Modal'
import { ReplayCredentialsPrompt } from '../replay/ReplayCredentialsPrompt'
import { ReplayTargetPicker } from '../replay/ReplayTargetPicker'
import '@renderer/styles/replay.css'

/**
 * Replay from the inspector: re-send as it was, re-send to another hook or URL, or open it in
 * the composer to edit the body and headers first. Each blocks like a fire and its exchange
 * links back to this row. When its Authorization was redacted on export, the email and password
 * to send are asked for here first (ReplayCredentialsPrompt).
 */
export function ReplayActions(props: { row: TimelineRow }) {
  const { row } = props
  const { hooks, replay, pending, openDraft, draftOfThis } = useApp(
    useShallow((s) => ({
      hooks: s.hooks,
      replay: s.replay,
      pending: s.dispatch.phase === 'pending',
      openDraft: s.openReplayDraft,
      draftOfThis:
        s.replayDraft !== null &&
        s.replayDraft.sourceId === (props.row.exchange ?? props.row.capture)?.id
    }))
  )
  const [picking, setPicking] = useState(false)
  const [target, setTarget] = useState<ReplayTarget>({ kind: 'same' })
  const [urlError, setUrlError] = useState<string | null>(null)
  const source = row.exchange ?? row.capture
  if (!source || (row.exchange && row.exchange.state !== 'done')) return null
  const sourceId = source.id
  const truncated = !row.exchange && row.capture!.truncated

  function sendTo(): void {
    const fields = targetFields(target)
    if (!fields.ok) {
      setUrlError(fields.message)
      return
    }
    setPicking(false)
    void replay({ sourceId, ...fields.fields }, row.exchange?.hookId ?? null)
  }

  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        data-testid="inspector-resend"
        title={
          truncated
            ? 'The body was cut short when it was captured, so it cannot be re-sent as it was.'
            : draftOfThis
              ? 'Send the original bytes again, not the edits open in the composer'
              : 'Send the same bytes again to where they went; the new exchange links back here'
        }
        disabled={pending || truncated}
        onClick={() => void replay({ sourceId }, row.exchange?.hookId ?? null)}
      >
        {/* While this row is being edited, the edits are on screen: say which body this sends. */}
        {draftOfThis ? 'Re-send original' : 'Re-send'}
      </button>
      <button
        type="button"
        className="btn btn-small"
        data-testid="inspector-resend-to"
        disabled={pending || truncated}
        onClick={() => {
          setTarget(hooks[0] ? { kind: 'hook', hookId: hooks[0].id } : { kind: 'url', url: '' })
          setUrlError(null)
          setPicking(true)
        }}
      >
        Re-send to…
      </button>
      <button
        type="button"
        className="btn btn-small"
        data-testid="inspector-edit-resend"
        title="Open it in the composer: edit the body and headers, then send"
        disabled={pending || truncated}
        onClick={() => openDraft(draftOf(row))}
      >
        Edit and re-send…
      </button>
      {picking && (
        <Modal title="Re-send to" testId="replay-dialog" onClose={() => setPicking(false)}>
          <header className="panel-head">
            <h2>Re-send to another hook or URL</h2>
          </header>
          <ReplayTargetPicker
            target={target}
            error={urlError}
            onChange={(next) => {
              setUrlError(null)
              setTarget(next)
            }}
          />
          <p className="muted">
            The body goes byte for byte; a URL keeps the credentials it was sent with, a hook uses
            its own.
          </p>
          <div className="modal-actions">
            <button type="button" className="btn" onClick={() => setPicking(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="replay-send"
              onClick={sendTo}
            >
              Send
            </button>
          </div>
        </Modal>
      )}
      <ReplayCredentialsPrompt sourceId={sourceId} />
    </>
  )
}
