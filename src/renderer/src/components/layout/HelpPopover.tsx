import { useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useEscape } from '@renderer/hooks/use-escape'
import { useFocusTrap } from '@renderer/hooks/use-focus-trap'
import { useApp } from '@renderer/store/store-context'

const SHORTCUTS: [string, string][] = [
  ['1 / 2 / 3', 'Insert / update / review (Alt+1/2/3 also while typing)'],
  ['Ctrl/Cmd + Enter', 'Fire the event'],
  ['Ctrl/Cmd + K  or  /', 'Search the timeline'],
  ['↑ / ↓', 'Move through the timeline (when it has focus)'],
  ['Esc', 'Close dialogs'],
  ['?', 'This help']
]

/** The keyboard shortcuts, one keypress away. */
export function HelpPopover() {
  const { open, setOpen } = useApp(
    useShallow((s) => ({ open: s.helpOpen, setOpen: s.setHelpOpen }))
  )
  useEscape(open, () => setOpen(false))
  return open ? <HelpContent close={() => setOpen(false)} /> : null
}

/** A non-modal popover: focus moves in when it opens and back when it closes; Tab may leave. */
function HelpContent(props: { close: () => void }) {
  const ref = useRef<HTMLDivElement>(null)
  useFocusTrap(ref, false)
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="popover"
      role="dialog"
      aria-label="Keyboard shortcuts"
      data-testid="help"
    >
      <div className="popover-head">
        <strong>Keyboard shortcuts</strong>
        <button
          type="button"
          className="btn-icon"
          aria-label="Close"
          data-autofocus
          onClick={props.close}
        >
          ×
        </button>
      </div>
      <table className="kv">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
