import { useMemo, useState } from 'react'
import { STORED_BODY_CAP } from '@shared/schemas'
import { hexDump, viewBody, type BodyMode } from '@renderer/lib/body'
import { formatBytes } from '@renderer/lib/format'
import { CopyButton } from '../common/CopyButton'
import { Segmented } from '../common/Segmented'

/**
 * A body as pretty JSON, raw text or hex; it opens in the view that fits (hex for binary,
 * decided by isProbablyText) and says when only part of it was kept.
 */
export function BodyViewer(props: {
  body: { base64: string } | { text: string }
  size: number
  truncated?: boolean
  testId: string
  /** A heading shown on the same line as the view switch, to save a line in a tight inspector. */
  heading?: string
}) {
  const view = useMemo(() => viewBody(props.body), [props.body])
  const [chosen, setChosen] = useState<BodyMode | null>(null)
  const mode =
    chosen === 'pretty' && !view.pretty
      ? view.defaultMode
      : chosen === 'raw' && !view.isText
        ? 'hex'
        : (chosen ?? view.defaultMode)
  const content = mode === 'pretty' ? view.pretty : mode === 'raw' ? view.text : hexDump(view.bytes)
  return (
    <div className="body-viewer" data-testid={props.testId} data-mode={mode}>
      <div className="body-head">
        {props.heading !== undefined && <h4 className="minihead body-heading">{props.heading}</h4>}
        <Segmented
          ariaLabel="Body view"
          testId={`${props.testId}-mode`}
          value={mode}
          options={[
            { value: 'pretty', label: 'Pretty', disabled: !view.pretty },
            { value: 'raw', label: 'Raw', disabled: !view.isText },
            { value: 'hex', label: 'Hex' }
          ]}
          onChange={setChosen}
        />
        <span className="muted small" data-testid={`${props.testId}-size`}>
          {props.size} bytes{props.size >= 1024 ? ` (${formatBytes(props.size)})` : ''}
          {!view.isText && ' · binary'}
        </span>
        {props.size > 0 && (
          <CopyButton
            text={() => view.text ?? hexDump(view.bytes)}
            label="Copy body"
            title={view.isText ? 'Copy the body exactly as sent' : 'Copy the hex dump'}
            testId={`${props.testId}-copy`}
          />
        )}
      </div>
      {props.truncated && (
        <p className="warning small" data-testid={`${props.testId}-kept`}>
          Kept {formatBytes(view.bytes.length)} of {formatBytes(props.size)}: a body is kept up to{' '}
          {formatBytes(STORED_BODY_CAP)}.
        </p>
      )}
      {props.size === 0 ? (
        <p className="muted small">(empty body)</p>
      ) : (
        // Focusable, so a body longer than its box scrolls from the keyboard too.
        <pre
          className="mono body-content"
          tabIndex={0}
          role="region"
          aria-label={`${props.heading ?? 'Body'} (${mode})`}
          data-testid={`${props.testId}-content`}
        >
          {content}
        </pre>
      )}
    </div>
  )
}
