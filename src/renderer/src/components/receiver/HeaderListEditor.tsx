import type { FieldErrors } from '@renderer/lib/hook-form'

/** An ordered header list (duplicates allowed, as on the wire). */
export function HeaderListEditor(props: {
  headers: [string, string][]
  errors: FieldErrors
  onChange: (headers: [string, string][]) => void
  testId: string
}) {
  const { headers, onChange } = props
  const set = (i: number, pair: [string, string]): void =>
    onChange(headers.map((h, j) => (j === i ? pair : h)))
  return (
    <div className="header-list" data-testid={props.testId}>
      {headers.map(([name, value], i) => {
        const error = props.errors[`headers.${i}.name`] ?? props.errors[`headers.${i}.value`]
        return (
          <div key={i} className="header-row-wrap">
            <div className="header-row">
              <input
                className="mono"
                aria-label="Header name"
                data-testid={`${props.testId}-name-${i}`}
                value={name}
                placeholder="Name"
                aria-invalid={error !== undefined}
                onChange={(e) => set(i, [e.target.value, value])}
              />
              <input
                className="mono"
                aria-label="Header value"
                data-testid={`${props.testId}-value-${i}`}
                value={value}
                placeholder="Value"
                onChange={(e) => set(i, [name, e.target.value])}
              />
              <button
                type="button"
                className="btn-icon"
                aria-label={`Remove header ${name}`}
                data-testid={`${props.testId}-remove-${i}`}
                onClick={() => onChange(headers.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </div>
            {error && (
              <span className="field-error" data-testid={`${props.testId}-error-${i}`}>
                {error}
              </span>
            )}
          </div>
        )
      })}
      <button
        type="button"
        className="btn-link"
        data-testid={`${props.testId}-add`}
        onClick={() => onChange([...headers, ['', '']])}
      >
        + Add header
      </button>
    </div>
  )
}
