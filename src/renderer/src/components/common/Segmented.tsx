import type { ReactNode } from 'react'

/** A row of mutually exclusive buttons (event type, body mode, …). */
export function Segmented<T extends string>(props: {
  value: T
  options: readonly { value: T; label: ReactNode; title?: string; disabled?: boolean }[]
  onChange: (value: T) => void
  testId: string
  ariaLabel: string
}) {
  return (
    <div
      className="segmented"
      role="radiogroup"
      aria-label={props.ariaLabel}
      data-testid={props.testId}
    >
      {props.options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={o.value === props.value}
          className={o.value === props.value ? 'seg seg-on' : 'seg'}
          title={o.title}
          disabled={o.disabled}
          data-testid={`${props.testId}-${o.value}`}
          onClick={() => props.onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  )
}
