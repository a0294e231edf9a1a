import { useState } from 'react'

/**
 * A whole-number input that lets the user type through intermediate text ("-", "") and commits
 * only whole numbers; the shown text falls back to the value when the field loses focus.
 */
export function IntInput(props: {
  value: number
  onChange: (value: number) => void
  testId: string
  ariaLabel?: string
}) {
  const [text, setText] = useState<string | null>(null)
  const invalid = text !== null && !/^-?\d+$/.test(text.trim())
  return (
    <input
      className="mono"
      inputMode="numeric"
      data-testid={props.testId}
      aria-label={props.ariaLabel}
      aria-invalid={invalid}
      value={text ?? String(props.value)}
      onChange={(e) => {
        setText(e.target.value)
        const t = e.target.value.trim()
        if (/^-?\d+$/.test(t)) props.onChange(Number(t))
      }}
      onBlur={() => setText(null)}
    />
  )
}
