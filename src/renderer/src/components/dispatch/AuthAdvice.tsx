import { useShallow } from 'zustand/react/shallow'
import { decodeAuthorization } from '@shared/basic-auth'
import type { Exchange } from '@shared/schemas'
import { useApp } from '@renderer/store/store-context'
import '@renderer/styles/support.css'

/** Whether a request went to the built-in receiver (same origin as the receiver's URL). */
function toBuiltIn(requestUrl: string, receiverUrl: string | null): boolean {
  if (!receiverUrl) return false
  try {
    return new URL(requestUrl).origin === new URL(receiverUrl).origin
  } catch {
    return false
  }
}

/**
 * After a 401 or 403: what to compare. The credentials the hook sent (email shown, password never)
 * against the ones the endpoint expects, which for the built-in receiver are in its behaviour.
 */
export function AuthAdvice(props: { exchange: Exchange }) {
  const { exchange } = props
  const { receiverUrl, expected } = useApp(
    useShallow((s) => ({
      receiverUrl: s.receiver?.running ? s.receiver.url : null,
      expected: s.behavior.expectedAuth
    }))
  )
  const status = exchange.response?.status
  if (status !== 401 && status !== 403) return null
  const header = exchange.request.headers.find(([n]) => n.toLowerCase() === 'authorization')
  const sent = header ? decodeAuthorization(header[1]) : null
  const builtIn = toBuiltIn(exchange.request.url, receiverUrl)
  if (builtIn && !expected && status === 401) {
    // Nothing the hook sends would pass: the behaviour itself answers 401 to everyone.
    return (
      <div className="advice-box" data-testid="protocol-error-auth-advice">
        <strong>Unauthorized preset: 401 to every request.</strong> The built-in receiver expects no
        credentials; its behaviour answers 401 whatever the hook sends, so the hook’s email and
        password are not the cause. Pick another preset to see the save succeed.
      </div>
    )
  }
  return (
    <div className="advice-box" data-testid="protocol-error-auth-advice">
      <strong>The endpoint refused the credentials.</strong>{' '}
      {sent && sent.email !== null ? (
        <>
          The hook sent the email <code>{sent.email}</code>
          {sent.password === '' ? ' with an empty password' : ' and a password'}.
        </>
      ) : (
        <>The hook sent no credentials: it has no email set.</>
      )}{' '}
      {builtIn && expected ? (
        <>
          The built-in receiver expects the email <code>{expected.email}</code>
          {sent && sent.email !== null && sent.email !== expected.email
            ? ' (a different email)'
            : ''}
          : check the hook’s email and password against the receiver’s <b>Expected credentials</b>.
        </>
      ) : (
        <>
          Check the hook’s email and password (Study hooks → Edit) against the ones the endpoint
          expects.
        </>
      )}
    </div>
  )
}
