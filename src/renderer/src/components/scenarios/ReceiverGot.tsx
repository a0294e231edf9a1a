import { FAULT_TABLE, faultHelpPhrase, NO_FAULT } from '@shared/faults'
import type { Capture, Exchange } from '@shared/schemas'
import { formatMs, maskSecret } from '@renderer/lib/format'
import { KIND_EXPLANATIONS } from '@renderer/lib/protocol-error-text'

/** What the receiver is set to do with the request, said to a room. */
function planned(cap: Capture): string {
  const { status, delayMs, fault } = cap.response
  const after = delayMs ? ` after ${formatMs(delayMs)}` : ''
  const info = FAULT_TABLE[fault]
  if (info.instead === 'hold') return 'It holds the connection and never answers.'
  if (!info.answers) return `It will ${faultHelpPhrase(fault)}${after}.`
  return `It will answer ${status}${after}${fault !== NO_FAULT ? ` (${fault})` : ''}.`
}

const SHOWN_HEADERS = ['host', 'content-type', 'content-length', 'user-agent', 'authorization']

function Answer(props: { exchange: Exchange | null; capture: Capture | null }) {
  const { exchange: ex, capture: cap } = props
  if (ex?.state === 'done' && ex.response) {
    return (
      <p className="pr-answer" data-testid="presenter-answer">
        <b className={ex.response.status < 300 ? 'status-ok' : 'status-error'}>
          {ex.response.status} {ex.response.statusText}
        </b>{' '}
        in {formatMs(ex.timings.totalMs)}
      </p>
    )
  }
  if (ex?.state === 'done' && ex.error) {
    return (
      <p className="pr-answer" data-testid="presenter-answer">
        <b className="status-error">No answer: {ex.error.kind}</b>
        <br />
        <span className="muted">{KIND_EXPLANATIONS[ex.error.kind]}</span>
      </p>
    )
  }
  if (cap) {
    return (
      <p className="pr-answer muted" data-testid="presenter-answer">
        {planned(cap)}
      </p>
    )
  }
  return <p className="pr-answer muted">Not yet.</p>
}

/**
 * What the receiver got — the headers as they arrived and the Basic credentials decoded (the
 * password masked: this is shown to a room) — and the answer that went back.
 */
export function ReceiverGot(props: {
  capture: Capture | null
  exchange: Exchange | null
  builtIn: boolean
}) {
  const { capture: cap } = props
  const headers = cap?.headers.filter(([n]) => SHOWN_HEADERS.includes(n.toLowerCase())) ?? []
  return (
    <section
      className="pr-card"
      aria-label="What the receiver got"
      data-testid="presenter-received"
    >
      <h2 className="pr-head">The receiver got</h2>
      {cap ? (
        <>
          <dl className="pr-headers">
            {headers.map(([n, v], i) => (
              <div key={i}>
                <dt>{n}</dt>
                <dd className="pr-mono">
                  {n.toLowerCase() === 'authorization' ? v.split(' ')[0] + ' …' : v}
                </dd>
              </div>
            ))}
          </dl>
          <p className="pr-auth" data-testid="presenter-auth">
            {cap.auth?.email ? (
              <>
                Basic auth: <b>{cap.auth.email}</b> / {maskSecret(cap.auth.password ?? '')}
                {cap.auth.matchesExpected !== null && (
                  <span className={cap.auth.matchesExpected ? 'status-ok' : 'status-error'}>
                    {cap.auth.matchesExpected ? ' ✓ expected' : ' ✗ not the expected credentials'}
                  </span>
                )}
              </>
            ) : (
              'No credentials.'
            )}
          </p>
        </>
      ) : (
        <p className="muted">
          {props.builtIn
            ? props.exchange?.state === 'done'
              ? 'Nothing arrived at the receiver.'
              : 'Waiting for the request…'
            : 'An external endpoint: what it received is not visible here.'}
        </p>
      )}
      <h2 className="pr-head">It answered</h2>
      <Answer exchange={props.exchange} capture={cap} />
    </section>
  )
}
