import type { ReactNode } from 'react'

/** A labelled control with its error (or hint) underneath, where the user is looking. */
export function Field(props: {
  label: string
  error?: string
  hint?: ReactNode
  testId?: string
  className?: string
  children: ReactNode
}) {
  return (
    <label className={`field ${props.error ? 'field-invalid' : ''} ${props.className ?? ''}`}>
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.error ? (
        <span
          className="field-error"
          role="alert"
          data-testid={props.testId ? `${props.testId}-error` : undefined}
        >
          {props.error}
        </span>
      ) : props.hint ? (
        <span className="field-hint">{props.hint}</span>
      ) : null}
    </label>
  )
}
