import { useEffect } from 'react'
import type { HookEvent } from '@shared/trialkit'
import { useAppStore } from '../store/store-context'

const EVENT_KEYS: Record<string, HookEvent> = { '1': 'insert', '2': 'update', '3': 'review' }

/** The search box's test id, which the search shortcuts focus. */
export const SEARCH_TEST_ID = 'timeline-search'

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  const tag = target.tagName
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable
}

/** The digit a key press stands for, also with Alt held (where `key` may be another symbol). */
function digitOf(e: KeyboardEvent): string | null {
  if (/^Digit[1-3]$/.test(e.code)) return e.code.slice(5)
  return /^[1-3]$/.test(e.key) ? e.key : null
}

/**
 * Keyboard shortcuts, listed in the help popover: 1/2/3 or Alt+1/2/3 pick the event, Ctrl/Cmd+Enter
 * fires, Ctrl/Cmd+K or "/" focuses the search, "?" opens the help. Esc is handled by each dialog.
 */
export function useShortcuts(): void {
  const store = useAppStore()
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      // A modal dialog owns the keyboard: nothing fires or opens behind it.
      if (document.querySelector('[aria-modal="true"]')) return
      const s = store.getState()
      const mod = e.ctrlKey || e.metaKey
      const typing = isTyping(e.target)
      if (mod && e.key === 'Enter') {
        e.preventDefault()
        void s.fire()
        return
      }
      if (mod && (e.key === 'k' || e.key === 'K')) {
        e.preventDefault()
        focusSearch()
        return
      }
      if (mod) return
      const digit = digitOf(e)
      if (digit && (e.altKey || !typing)) {
        const event = EVENT_KEYS[digit]
        if (event) {
          e.preventDefault()
          s.setEvent(event)
        }
        return
      }
      if (typing || e.altKey) return
      if (e.key === '/') {
        e.preventDefault()
        focusSearch()
      } else if (e.key === '?') {
        e.preventDefault()
        s.setHelpOpen(!s.helpOpen)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])
}

function focusSearch(): void {
  const el = document.querySelector<HTMLInputElement>(`[data-testid="${SEARCH_TEST_ID}"]`)
  el?.focus()
  el?.select()
}
