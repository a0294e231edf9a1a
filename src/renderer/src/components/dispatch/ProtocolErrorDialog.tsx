import { useShallow } from 'zustand/react/shallow'
import { formatResponse, formatWireRequest, locationOf } from '@renderer/lib/exchange-text'
import {
  KIND_EXPLANATIONS,
  SITE_USER_ADVICE,
  SITE_USER_MESSAGES
} from '@renderer/lib/protocol-error-text'
import { useApp } from '@renderer/store/store-context'
import { Modal } from '../common/Modal'
import { TimingBar } from '../inspector/TimingBar'
import { AuthAdvice } from './AuthAdvice'

/**
 * The failure from both sides: the box a TrialKit site user would get (an approximation) beside
 * what the integrator needs to fix it — kind, technical message, timings and the raw exchange.
 */
export function ProtocolErrorDialog() {
  const { exchange, close } = useApp(
    useShallow((s) => ({ exchange: s.dispatch.exchange, close: s.closeDispatch }))
  )
  if (!exchange?.error) return null
  const { error } = exchange
  const location = locationOf(exchange.response)
  return (
    <Modal title="ProtocolError" testId="protocol-error" onClose={close} className="modal-wide">
      <div className="pe-grid">
        <div className="pe-user">
          <h3 className="pe-caption">What the TrialKit user sees</h3>
          <div className="tk-box tk-error" data-testid="protocol-error-box">
            <div className="tk-title tk-title-error">ProtocolError</div>
            <div className="tk-content">
              <span className="tk-error-icon" aria-hidden="true">
                !
              </span>
              <div>
                <p className="tk-main" data-testid="protocol-error-user-message">
                  {SITE_USER_MESSAGES[error.kind]}
                </p>
                <p>{SITE_USER_ADVICE}</p>
              </div>
            </div>
            <div className="tk-footer tk-footer-end">
              <button type="button" className="btn" data-autofocus onClick={close}>
                OK
              </button>
            </div>
          </div>
          <p className="approx" data-testid="protocol-error-approximation">
            Approximation: TrialKit’s exact wording is not public.
          </p>
        </div>
        <div className="pe-dev">
          <h3 className="pe-caption">For the integrator</h3>
          <dl className="facts">
            <dt>Kind</dt>
            <dd>
              <code className="kind-badge" data-testid="protocol-error-kind">
                {error.kind}
              </code>{' '}
              <span className="muted">{KIND_EXPLANATIONS[error.kind]}</span>
            </dd>
            <dt>Message</dt>
            <dd className="mono" data-testid="protocol-error-message">
              {error.message}
            </dd>
            {exchange.response && (
              <>
                <dt>Status</dt>
                <dd className="mono" data-testid="protocol-error-status">
                  {exchange.response.status} {exchange.response.statusText}
                  {location && <> → Location: {location}</>}
                </dd>
              </>
            )}
            <dt>Hook</dt>
            <dd>
              {exchange.hookName} <span className="mono muted">{exchange.request.url}</span>
            </dd>
          </dl>
          <AuthAdvice exchange={exchange} />
          <TimingBar
            timings={exchange.timings}
            timeoutMs={exchange.timeoutMs}
            testId="protocol-error-timing"
          />
          <details className="raw" open>
            <summary>Request sent</summary>
            <pre className="mono raw-block" data-testid="protocol-error-request">
              {formatWireRequest(exchange.request)}
            </pre>
          </details>
          <details className="raw" open>
            <summary>Response</summary>
            <pre className="mono raw-block" data-testid="protocol-error-response">
              {exchange.response ? formatResponse(exchange.response) : '(no response)'}
            </pre>
          </details>
          <div className="modal-actions">
            <button
              type="button"
              className="btn"
              data-testid="protocol-error-close"
              onClick={close}
            >
              Close <kbd>Esc</kbd>
            </button>
          </div>
        </div>
      </div>
    </Modal>
  )
}
