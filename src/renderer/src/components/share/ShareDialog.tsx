import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { describeImport } from '@shared/sharing'
import { rowMatches } from '@renderer/lib/row-filter'
import { useApp } from '@renderer/store/store-context'
import { FilePickButton } from '../common/FilePickButton'
import { Modal } from '../common/Modal'
import '@renderer/styles/share.css'

/**
 * Export and import: the history (all of it or the rows the timeline shows) as HAR 1.2, the
 * whole setup as a support bundle, and a HAR file or bundle read back in. Secrets stay out
 * unless the box is ticked.
 */
export function ShareDialog(props: { onClose: () => void }) {
  const { history, filters, share, exportHar, exportBundle, importPicked, resetShare } = useApp(
    useShallow((s) => ({
      history: s.history,
      filters: s.filters,
      share: s.share,
      exportHar: s.exportHar,
      exportBundle: s.exportBundle,
      importPicked: s.importPicked,
      resetShare: s.resetShare
    }))
  )
  const { busy, error, summary } = share
  const [includeSecrets, setIncludeSecrets] = useState(false)
  // What the dialog showed is forgotten when it closes, as a fresh dialog shows nothing.
  useEffect(() => resetShare, [resetShare])

  const shownIds: string[] = []
  // The HAR has one entry per row, so the count is of rows, not of their entries.
  let shownRows = 0
  for (const id of history.order) {
    const row = history.rows.get(id)
    if (!row || !rowMatches(row, filters)) continue
    shownRows += 1
    if (row.exchange) shownIds.push(row.exchange.id)
    if (row.capture) shownIds.push(row.capture.id)
    if (row.capacity) shownIds.push(row.capacity.id)
  }
  const filtered =
    filters.event !== 'all' ||
    filters.outcome !== 'all' ||
    filters.kind !== 'all' ||
    filters.origin !== 'all' ||
    filters.text !== ''

  return (
    <Modal
      title="Export and import"
      testId="share-dialog"
      onClose={props.onClose}
      className="share-modal"
    >
      <header className="panel-head">
        <h2>Export and import</h2>
      </header>
      <label className="check">
        <input
          type="checkbox"
          data-testid="share-include-secrets"
          checked={includeSecrets}
          onChange={(e) => setIncludeSecrets(e.target.checked)}
        />
        Include secrets (Authorization values and passwords) — only for someone you trust
      </label>
      <div className="share-actions">
        <button
          type="button"
          className="btn"
          data-testid="share-export-har"
          disabled={busy}
          onClick={() => void exportHar(includeSecrets)}
        >
          History as HAR
        </button>
        <button
          type="button"
          className="btn"
          data-testid="share-export-har-shown"
          disabled={busy || !filtered || shownIds.length === 0}
          title="Only the rows the timeline's filters show"
          onClick={() => void exportHar(includeSecrets, shownIds)}
        >
          Shown rows as HAR ({shownRows})
        </button>
        <button
          type="button"
          className="btn"
          data-testid="share-export-bundle"
          disabled={busy}
          onClick={() => void exportBundle(includeSecrets)}
        >
          Support bundle
        </button>
      </div>
      <p className="muted share-help">
        A support bundle holds the hooks (without passwords), the receiver behaviour, your scenarios
        and the history: import it on another machine to reproduce the setup.
      </p>
      <div className="share-actions">
        <FilePickButton
          label="Import HAR or bundle…"
          accept=".har,.json,application/json"
          className="btn btn-primary"
          testId="share-import"
          disabled={busy}
          onPick={(file) => void importPicked(file)}
        />
      </div>
      {error && (
        <p className="inline-error" role="alert" data-testid="share-error">
          {error}
        </p>
      )}
      {summary && (
        <div className="share-summary" data-testid="share-summary">
          <p>{describeImport(summary)}</p>
          {summary.messages.map((m) => (
            <p key={m} className="warning">
              {m}
            </p>
          ))}
        </div>
      )}
      <div className="modal-actions">
        <button type="button" className="btn" data-autofocus onClick={props.onClose}>
          Close
        </button>
      </div>
    </Modal>
  )
}
