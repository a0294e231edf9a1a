import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { bundleFileName } from '../../../../shared/bundle'
import { describeImport, MAX_IMPORT_BYTES, type ImportSummary } from '../../../../shared/sharing'
import { downloadText, readPickedFile } from '../../lib/download'
import { rowMatches } from '../../lib/row-filter'
import { errorText } from '../../store/error-text'
import { useApp, useBridge } from '../../store/store-context'
import { FilePickButton } from '../common/FilePickButton'
import { Modal } from '../common/Modal'
import '../../styles/share.css'

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')
}

/**
 * Export and import: the history (all of it or the rows the timeline shows) as HAR 1.2, the
 * whole setup as a support bundle, and a HAR file or bundle read back in. Secrets stay out
 * unless the box is ticked.
 */
export function ShareDialog(props: { onClose: () => void }) {
  const bridge = useBridge()
  const { history, filters, toast } = useApp(
    useShallow((s) => ({ history: s.history, filters: s.filters, toast: s.toast }))
  )
  const [includeSecrets, setIncludeSecrets] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [summary, setSummary] = useState<ImportSummary | null>(null)

  const shownIds: string[] = []
  for (const id of history.order) {
    const row = history.rows.get(id)
    if (!row || !rowMatches(row, filters)) continue
    if (row.exchange) shownIds.push(row.exchange.id)
    if (row.capture) shownIds.push(row.capture.id)
  }
  const filtered =
    filters.event !== 'all' ||
    filters.outcome !== 'all' ||
    filters.kind !== 'all' ||
    filters.text !== ''

  async function exportWith(run: () => Promise<void>): Promise<void> {
    setBusy(true)
    setError(null)
    try {
      await run()
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const exportHar = (ids?: string[]): Promise<void> =>
    exportWith(async () => {
      const text = await bridge.exportHar({ includeSecrets, ...(ids ? { ids } : {}) })
      downloadText(`hook-inspector-${stamp()}.har`, text)
      toast('info', 'HAR file saved.')
    })

  const exportBundle = (): Promise<void> =>
    exportWith(async () => {
      const text = await bridge.exportBundle({ includeSecrets })
      downloadText(bundleFileName(new Date()), text)
      toast('info', 'Support bundle saved.')
    })

  async function importPicked(file: File): Promise<void> {
    setBusy(true)
    setError(null)
    setSummary(null)
    try {
      const text = await readPickedFile(file, MAX_IMPORT_BYTES)
      const result = await bridge.importFile({ text, fileName: file.name })
      setSummary(result)
      // What still needs doing (passwords to enter again) is said in the same breath.
      toast('info', [describeImport(result), ...result.messages].join(' '))
    } catch (e) {
      setError(`${file.name} was not imported: ${errorText(e)}`)
    } finally {
      setBusy(false)
    }
  }

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
          onClick={() => void exportHar()}
        >
          History as HAR
        </button>
        <button
          type="button"
          className="btn"
          data-testid="share-export-har-shown"
          disabled={busy || !filtered || shownIds.length === 0}
          title="Only the rows the timeline's filters show"
          onClick={() => void exportHar(shownIds)}
        >
          Shown rows as HAR ({shownIds.length})
        </button>
        <button
          type="button"
          className="btn"
          data-testid="share-export-bundle"
          disabled={busy}
          onClick={() => void exportBundle()}
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
