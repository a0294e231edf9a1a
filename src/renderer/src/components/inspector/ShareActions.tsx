import { useState } from 'react'
import { curlForEntry, fetchForEntry } from '@shared/snippets'
import type { TimelineRow } from '@renderer/lib/history-index'
import { CopyButton } from '../common/CopyButton'

/**
 * Copy the row's request as cURL or as a JavaScript fetch call, byte-exact; the Authorization
 * value is redacted unless "with secrets" is ticked.
 */
export function ShareActions(props: { row: TimelineRow }) {
  const [withSecrets, setWithSecrets] = useState(false)
  const entry = props.row.exchange ?? props.row.capture
  if (!entry) return null
  return (
    <span className="share-inline">
      <CopyButton
        text={() => curlForEntry(entry, withSecrets)}
        label="Copy as cURL"
        testId="inspector-copy-curl"
      />
      <CopyButton
        text={() => fetchForEntry(entry, withSecrets)}
        label="Copy as fetch"
        testId="inspector-copy-fetch"
      />
      <label className="check small" title="Keep the Authorization value in the copied snippet">
        <input
          type="checkbox"
          data-testid="inspector-copy-secrets"
          checked={withSecrets}
          onChange={(e) => setWithSecrets(e.target.checked)}
        />
        with secrets
      </label>
    </span>
  )
}
