import type { Capture } from '../../../../shared/schemas'
import { BodyViewer } from './BodyViewer'

/**
 * A body sent with Content-Encoding, shown decoded with the coding named; the bytes as received
 * stay in the body view above it.
 */
export function DecodedBody(props: { decoded: NonNullable<Capture['decoded']> }) {
  const d = props.decoded
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
        <BodyViewer
          body={{ base64: d.bodyBase64 }}
          size={d.bodySize}
          truncated={d.truncated}
          testId="inspector-capture-decoded-body"
        />
      )}
    </div>
  )
}
