import { useState, type ReactNode } from 'react'
import { Modal } from './Modal'

/** A button whose action runs only after the user confirms it in a dialog. */
export function ConfirmButton(props: {
  label: ReactNode
  title: string
  message: string
  confirmLabel: string
  onConfirm: () => void
  testId: string
  className?: string
  disabled?: boolean
}) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button
        type="button"
        className={props.className ?? 'btn btn-small'}
        data-testid={props.testId}
        disabled={props.disabled}
        onClick={() => setOpen(true)}
      >
        {props.label}
      </button>
      {open && (
        <Modal
          title={props.title}
          testId={`${props.testId}-confirm`}
          onClose={() => setOpen(false)}
        >
          <h2 className="modal-title">{props.title}</h2>
          <p className="modal-text">{props.message}</p>
          <div className="modal-actions">
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-danger"
              data-autofocus
              data-testid={`${props.testId}-confirm-ok`}
              onClick={() => {
                setOpen(false)
                props.onConfirm()
              }}
            >
              {props.confirmLabel}
            </button>
          </div>
        </Modal>
      )}
    </>
  )
}
