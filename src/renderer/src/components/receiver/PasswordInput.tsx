import { useState } from 'react'
import '@renderer/styles/support.css'

/** A password field, masked until "Show" is pressed (as in the hook editor). */
export function PasswordInput(props: {
  value: string
  testId: string
  onChange(value: string): void
}) {
  const [reveal, setReveal] = useState(false)
  return (
    <span className="input-with-button">
      <input
        data-testid={props.testId}
        type={reveal ? 'text' : 'password'}
        value={props.value}
        autoComplete="new-password"
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <button
        type="button"
        className="btn btn-small"
        data-testid={`${props.testId}-reveal`}
        aria-pressed={reveal}
        aria-label={reveal ? 'Hide the password' : 'Show the password'}
        onClick={() => setReveal(!reveal)}
      >
        {reveal ? 'Hide' : 'Show'}
      </button>
    </span>
  )
}
