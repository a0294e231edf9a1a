/** Headers in wire order, duplicates kept. */
export function HeadersTable(props: {
  headers: readonly (readonly [string, string])[]
  testId: string
}) {
  if (props.headers.length === 0) return <p className="muted small">No headers.</p>
  return (
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
  )
}
