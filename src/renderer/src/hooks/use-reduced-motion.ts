import { useSyncExternalStore } from 'react'

const QUERY = '(prefers-reduced-motion: reduce)'

function subscribe(onChange: () => void): () => void {
  const mql = window.matchMedia?.(QUERY)
  if (!mql) return () => undefined
  mql.addEventListener('change', onChange)
  return () => mql.removeEventListener('change', onChange)
}

/** Whether the system asks for reduced motion, now (for animation driven from script). */
export function prefersReducedMotion(): boolean {
  return window.matchMedia?.(QUERY).matches ?? false
}

/**
 * Whether the system asks for reduced motion, following changes live. Animation driven from
 * script (a countdown, a diagram playing out) checks this; CSS uses the rules in motion.css.
 */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, prefersReducedMotion, () => false)
}
