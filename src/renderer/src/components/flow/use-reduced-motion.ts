import { useEffect, useState } from 'react'

const QUERY = '(prefers-reduced-motion: reduce)'

/** Whether the user asked for less motion; follows the setting while the app runs. */
export function useReducedMotion(): boolean {
  const [reduced, setReduced] = useState(
    () => typeof window !== 'undefined' && !!window.matchMedia?.(QUERY).matches
  )
  useEffect(() => {
    const mq = window.matchMedia?.(QUERY)
    if (!mq) return
    const change = (): void => setReduced(mq.matches)
    mq.addEventListener('change', change)
    return () => mq.removeEventListener('change', change)
  }, [])
  return reduced
}
