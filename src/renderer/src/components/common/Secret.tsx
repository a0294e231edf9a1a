import { useState } from 'react'
import { maskSecret } from '@renderer/lib/format'

/** A secret shown masked, revealed only on demand (shoulder-surfing during demos and calls). */
export function Secret(props: { value: string; testId: string }) {
  const [shown, setShown] = useState(false)
  return (
    <span className="secret">
      <span className="mono" data-testid={props.testId}>
        {shown ? props.value : maskSecret(props.value)}
      </span>
      <button
        type="button"
        className="btn-link"
        data-testid={`${props.testId}-reveal`}
        onClick={() => setShown(!shown)}
      >
        {shown ? 'hide' : 'show'}
      </button>
    </span>
  )
}
