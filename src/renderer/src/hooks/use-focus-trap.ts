import { useEffect, useState, type RefObject } from 'react'

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'summary',
  '[tabindex]:not([tabindex="-1"])'
].join(',')

/** The elements Tab can reach inside `root`, in order (hidden ones left out). */
export function focusablesIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && el.getClientRects().length > 0 && !el.closest('[inert]')
  )
}

/** Open trapping dialogs, innermost last: only that one handles Tab. */
const open: HTMLElement[] = []

/**
 * Keeps keyboard focus inside a dialog while it is open: focus moves in when it opens (to the
 * element marked `data-autofocus`, else the dialog itself), Tab and Shift+Tab wrap around its
 * controls instead of reaching the page behind it, and on close focus goes back to where it was.
 * With `trap` false the focus moves in and back but Tab may leave (a non-modal popover).
 */
export function useFocusTrap(ref: RefObject<HTMLElement | null>, trap = true): void {
  // Taken at the first render, before any effect has moved the focus into the dialog.
  const [before] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null
  )
  useEffect(() => {
    const root = ref.current
    if (!root) return
    const first = root.querySelector<HTMLElement>('[data-autofocus]') ?? root
    first.focus()

    if (trap) open.push(root)
    const onKey = (e: KeyboardEvent): void => {
      if (!trap || e.key !== 'Tab' || open[open.length - 1] !== root) return
      const items = focusablesIn(root)
      if (items.length === 0) {
        e.preventDefault()
        root.focus()
        return
      }
      const at = items.indexOf(document.activeElement as HTMLElement)
      const outside = !root.contains(document.activeElement)
      if (e.shiftKey && (at <= 0 || outside)) {
        e.preventDefault()
        items[items.length - 1]!.focus()
      } else if (!e.shiftKey && (at === items.length - 1 || outside)) {
        e.preventDefault()
        items[0]!.focus()
      }
    }
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('keydown', onKey)
      const at = open.indexOf(root)
      if (at >= 0) open.splice(at, 1)
      // Back to the control that opened the dialog, if it is still there to take focus.
      const now = document.activeElement
      const lost = now === null || now === document.body || root.contains(now)
      if (lost && before?.isConnected) before.focus()
    }
  }, [ref, trap, before])
}
