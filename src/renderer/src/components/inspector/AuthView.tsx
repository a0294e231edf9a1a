import type { DecodedAuth } from '@shared/basic-auth'
import { Secret } from '../common/Secret'

/** Decoded credentials with the receiver's verdict (✓ matches expected / ✗ does not). */
export function AuthView(props: {
  auth: DecodedAuth | null
  matchesExpected: boolean | null
  testId: string
  /** The status the receiver answered with, when this is a capture: a 401 to anyone is said. */
  answeredStatus?: number
}) {
  const { auth, matchesExpected } = props
  if (!auth) {
    return (
      <p className="muted small" data-testid={props.testId}>
        No Authorization header.
      </p>
    )
  }
  return (
    <dl className="facts facts-compact" data-testid={props.testId}>
      <dt>Scheme</dt>
      <dd className="mono">{auth.scheme || '(none)'}</dd>
      {auth.scheme.toLowerCase() === 'basic' && (
        <>
          <dt>Email</dt>
          <dd className="mono" data-testid={`${props.testId}-email`}>
            {auth.email ?? '(not decodable)'}
          </dd>
          <dt>Password</dt>
          <dd>
            {auth.password !== null ? (
              <Secret value={auth.password} testId={`${props.testId}-password`} />
            ) : (
              <span className="muted">(not decodable)</span>
            )}
          </dd>
          {auth.charset === 'latin1' && (
            <>
              <dt>Encoding</dt>
              <dd className="muted" data-testid={`${props.testId}-latin1`}>
                Not UTF-8: shown decoded as Latin-1. TrialKit sends UTF-8; Python{' '}
                <code>requests</code> sends Latin-1 by default.
              </dd>
            </>
          )}
          {!auth.base64Valid && (
            <>
              <dt>Encoding</dt>
              <dd className="status-error">Not valid base64 of “email:password”.</dd>
            </>
          )}
        </>
      )}
      <dt>Expected</dt>
      <dd data-testid={`${props.testId}-match`} data-match={String(matchesExpected)}>
        {matchesExpected === null && props.answeredStatus === 401 ? (
          <span data-testid={`${props.testId}-refuses-all`}>
            none: the behaviour answers 401 to every request (as the Unauthorized preset does),
            whatever credentials it carries
          </span>
        ) : matchesExpected === null ? (
          <span className="muted">the receiver expects no credentials</span>
        ) : matchesExpected ? (
          <span className="mark-ok">✓ matches the expected credentials</span>
        ) : (
          <span className="mark-bad">✗ does not match the expected credentials</span>
        )}
      </dd>
    </dl>
  )
}
