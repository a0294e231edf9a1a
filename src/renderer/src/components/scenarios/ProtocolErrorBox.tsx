import type { ReactNode } from 'react'
import type { ExchangeError } from '@shared/schemas'
import { SITE_USER_ADVICE, SITE_USER_MESSAGES } from '@renderer/lib/protocol-error-text'

/**
 * TrialKit's ProtocolError box as its user sees it: the message for the error's kind, the advice,
 * and below them `detail` (the kind, or the kind and the message) for whoever watches.
 */
export function ProtocolErrorBox(props: {
  error: ExchangeError
  detail: ReactNode
  detailTestId?: string
  /** Presenter mode: drawn as the whole screen, and announced. */
  screen?: boolean
}) {
  return (
    <div
      className={`tk-box tk-error${props.screen ? ' pr-screen' : ''}`}
      data-testid="step-protocol-error"
      role={props.screen ? 'alert' : undefined}
    >
      <div className="tk-title tk-title-error">ProtocolError</div>
      <div className="tk-content">
        <span className="tk-error-icon" aria-hidden="true">
          !
        </span>
        <div>
          <p className="tk-main">{SITE_USER_MESSAGES[props.error.kind]}</p>
          <p>{SITE_USER_ADVICE}</p>
          <p className="muted mono" data-testid={props.detailTestId}>
            {props.detail}
          </p>
        </div>
      </div>
    </div>
  )
}
