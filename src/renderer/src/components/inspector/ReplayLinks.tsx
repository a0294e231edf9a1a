import type { ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { TimelineRow } from '@renderer/lib/history-index'
import { useApp } from '@renderer/store/store-context'
import '@renderer/styles/replay.css'

/** A link to the row holding `entryId`, or the bare id when that entry is no longer loaded. */
function EntryLink(props: { entryId: string; testId: string }): ReactNode {
  const { rowId, selectRow } = useApp(
    useShallow((s) => ({
      rowId: s.history.rowOf.get(props.entryId) ?? null,
      selectRow: s.selectRow
    }))
  )
  if (rowId === null) {
    return (
      <code className="mono" data-testid={props.testId} title="Not in the loaded history">
        {props.entryId}
      </code>
    )
  }
  return (
    <button
      type="button"
      className="btn-link"
      data-testid={props.testId}
      onClick={() => selectRow(rowId)}
    >
      {props.entryId}
    </button>
  )
}

/**
 * Where a row came from and where it went: "replay of …" for a re-sent exchange, "forwarded
 * from …" for a forwarding leg, "forwarded to …" (or why not) for a forwarded capture, each a link
 * to the other row so both legs can be followed.
 */
export function ReplayLinks(props: { row: TimelineRow }) {
  const ex = props.row.exchange
  const cap = props.row.capture
  const items: ReactNode[] = []
  if (ex?.replayOf) {
    items.push(
      <span key="replay" data-testid="link-replay-of">
        replay of <EntryLink entryId={ex.replayOf} testId="link-replay-of-target" />
      </span>
    )
  }
  if (ex?.origin === 'forward' && ex.forwardOf) {
    items.push(
      <span key="forward-of" data-testid="link-forward-of">
        forwarded from capture <EntryLink entryId={ex.forwardOf} testId="link-forward-of-target" />
      </span>
    )
  }
  if (cap?.forward) {
    const f = cap.forward
    items.push(
      <span key="forward" data-testid="link-forwarded-to">
        forwarded to <code className="mono">{f.url}</code>
        {f.exchangeId && (
          <>
            {' '}
            as <EntryLink entryId={f.exchangeId} testId="link-forwarded-to-target" />
          </>
        )}
        {f.error && (
          <span className="replay-link-error" data-testid="link-forward-error">
            {' '}
            — failed: {f.error}
          </span>
        )}
      </span>
    )
  }
  if (items.length === 0) return null
  return (
    <div className="replay-links muted" data-testid="replay-links">
      {items}
    </div>
  )
}
