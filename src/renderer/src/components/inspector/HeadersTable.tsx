import { isRedactedValue } from '@shared/replay-credentials'
import { CopyButton } from '../common/CopyButton'
import '@renderer/styles/support.css'

function redactedAuthorization(name: string, value: string): boolean {
  return name.toLowerCase() === 'authorization' && isRedactedValue(value)
}

/**
 * Headers in wire order, duplicates kept. An Authorization redacted on export shows beside it the
 * email it was sent with (`sentEmail`), since who sent a request is what support asks first.
 */
export function HeadersTable(props: {
  headers: readonly (readonly [string, string])[]
  testId: string
  sentEmail?: string | null
}) {
  if (props.headers.length === 0) return <p className="muted small">No headers.</p>
  return (
    <div className="kv-copyable">
      <CopyButton
        text={() => props.headers.map(([n, v]) => `${n}: ${v}`).join('\n')}
        label="Copy headers"
        title="Copy the headers as Name: value lines"
        className="btn btn-small kv-copy"
        testId={`${props.testId}-copy`}
      />
      <table className="kv mono" data-testid={props.testId}>
        <tbody>
          {props.headers.map(([name, value], i) => (
            <tr key={i}>
              <th scope="row">{name}</th>
              <td>
                {value}
                {props.sentEmail && redactedAuthorization(name, value) && (
                  <span className="muted" data-testid={`${props.testId}-sent-email`}>
                    {' '}
                    · sent as {props.sentEmail}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
