import { formatDateTime } from '@renderer/lib/format'
import type { TimelineRow } from '@renderer/lib/history-index'
import '@renderer/styles/support.css'

/** For a row read from a file: that it was imported, from which file and when. */
export function ImportedNote(props: { row: TimelineRow }) {
  const entry = props.row.exchange?.imported
    ? props.row.exchange
    : props.row.capture?.imported
      ? props.row.capture
      : props.row.capacity?.imported
        ? props.row.capacity
        : null
  if (!entry) return null
  const from = entry.importedFrom
  return (
    <p className="imported-note" data-testid="inspector-imported">
      <span aria-hidden="true">⇩</span> Imported
      {from ? (
        <>
          {' '}
          from <code className="mono">{from.file}</code> on {formatDateTime(from.at)}
        </>
      ) : (
        ' from a file'
      )}
      . Not live: it happened on{' '}
      {entry.type === 'capture' ? 'the machine that received it' : 'the machine that sent it'}.
    </p>
  )
}
