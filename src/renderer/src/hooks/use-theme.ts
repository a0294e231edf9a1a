import { useEffect, useSyncExternalStore } from 'react'
import type { Preferences } from '@shared/schemas'

const QUERY = '(prefers-color-scheme: dark)'

function subscribe(onChange: () => void): () => void {
  const mql = window.matchMedia?.(QUERY)
  if (!mql) return () => undefined
  mql.addEventListener('change', onChange)
  return () => mql.removeEventListener('change', onChange)
}

const systemDark = (): boolean => window.matchMedia?.(QUERY).matches ?? false

/**
 * Applies the theme to the document: the chosen one, or the system's when "system" (following
 * changes live). Returns the theme in effect.
 */
export function useTheme(theme: Preferences['theme']): 'light' | 'dark' {
  const dark = useSyncExternalStore(subscribe, systemDark, () => false)
  const resolved = theme === 'system' ? (dark ? 'dark' : 'light') : theme
  useEffect(() => {
    document.documentElement.dataset.theme = resolved
  }, [resolved])
  return resolved
}
