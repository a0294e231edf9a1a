import { useRef, type ReactNode } from 'react'
import { useEscape } from '@renderer/hooks/use-escape'
import { useFocusTrap } from '@renderer/hooks/use-focus-trap'

/**
 * A modal dialog over the app; Esc closes it when it can be closed. Focus stays inside while it
 * is open and goes back to where it was when it closes.
 */
export function Modal(props: {
  title: string
  testId: string
  onClose?: () => void
  className?: string
  children: ReactNode
}) {
  const ref = useRef<HTMLDivElement>(null)
  useEscape(props.onClose !== undefined, () => props.onClose?.())
  useFocusTrap(ref)
  return (
    <div className="modal-backdrop" data-testid={`${props.testId}-backdrop`}>
      <div
        ref={ref}
        className={`modal ${props.className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        data-testid={props.testId}
        tabIndex={-1}
      >
        {props.children}
      </div>
    </div>
  )
}
