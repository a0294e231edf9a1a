import { useEffect } from 'react'
import { DECODED_SHOWN_CAP, type DecodedBody as Decoded } from '@shared/decoded-body'
import type { Capture } from '@shared/schemas'
import { formatBytes } from '@renderer/lib/format'
import { useApp } from '@renderer/store/store-context'
import { BodyViewer } from './BodyViewer'

/** Bytes in a base64 text, without decoding it. */
function base64Bytes(b64: string): number {
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0
  return Math.floor((b64.length * 3) / 4) - padding
}

/**
 * A body sent with Content-Encoding, shown decoded with the coding named; the bytes as received
 * stay in the body view above it. Says when only part of it is shown.
 */
export function DecodedBody(props: { decoded: Decoded }) {
  const d = props.decoded
  const shown = base64Bytes(d.bodyBase64)
  return (
    <div data-testid="inspector-capture-decoded" data-encoding={d.encoding}>
      <h4 className="minihead">
        Body decoded from <span className="mono">{d.encoding}</span>
      </h4>
      {d.error !== null ? (
        <p className="status-error small" data-testid="inspector-capture-decoded-error">
          Sent with Content-Encoding {d.encoding}, but it could not be decoded: {d.error}
        </p>
      ) : (
        <>
          {d.truncated && (
            <p className="warning small" data-testid="inspector-capture-decoded-shown">
              {shown < d.bodySize
                ? `Showing the first ${formatBytes(shown)} of ${formatBytes(d.bodySize)} decoded: the decoded view shows up to ${formatBytes(DECODED_SHOWN_CAP)}.`
                : 'Decoded from the part of the body that was kept.'}
            </p>
          )}
          <BodyViewer
            body={{ base64: d.bodyBase64 }}
            size={d.bodySize}
            testId="inspector-capture-decoded-body"
          />
        </>
      )}
    </div>
  )
}

/**
 * A captured coded body, decoded by the engine when it is shown: only the raw bytes are stored,
 * so the decoded view is asked for each time the capture is opened.
 */
export function CaptureDecodedBody(props: { capture: Capture }) {
  const { id } = props.capture
  const state = useApp((s) => (s.decodedBody?.captureId === id ? s.decodedBody : null))
  const load = useApp((s) => s.loadDecodedBody)
  useEffect(() => {
    void load(id)
  }, [id, load])
  if (state?.body) return <DecodedBody decoded={state.body} />
  return (
    <div data-testid="inspector-capture-decoded">
      {state?.error ? (
        <p className="status-error small" data-testid="inspector-capture-decoded-error">
          The body could not be decoded: {state.error}
        </p>
      ) : (
        <p className="muted small">Decoding the body…</p>
      )}
    </div>
  )
}
