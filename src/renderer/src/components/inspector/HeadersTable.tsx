import { CopyButton } from '../common/CopyButton'
import '../../styles/support.css'

/** Headers in wire order, duplicates kept. */
export function HeadersTable(props: {
  headers: readonly (readonly [string, string])[]
  testId: string
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
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
