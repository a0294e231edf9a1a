import { useState } from 'react'
import { captureOutcome } from '@shared/capture-outcome'
import { decodeAuthorization } from '@shared/basic-auth'
import { contentCodings } from '@shared/decoded-body'
import type { Capture, Exchange } from '@shared/schemas'
import { isRedactedValue } from '@shared/replay-credentials'
import { sentEmailOf } from '@shared/sent-email'
import { curlForEntry } from '@shared/snippets'
import { formatDateTime } from '@renderer/lib/format'
import type { TimelineRow } from '@renderer/lib/history-index'
import { curlForWire, requestLineOf } from '@renderer/lib/preview'
import { KIND_EXPLANATIONS } from '@renderer/lib/protocol-error-text'
import { rowEvent, rowOutcome } from '@renderer/lib/row-filter'
import { useApp } from '@renderer/store/store-context'
import { CapacityReport } from '../capacity/CapacityReport'
import { Segmented, tabIdOf } from '../common/Segmented'
import { FlowTab } from '../flow/FlowTab'
import { AuthView } from './AuthView'
import { DocDiffView } from './DocDiffView'
import { UseAsTemplate } from './UseAsTemplate'
import { BodyViewer } from './BodyViewer'
import { CaptureDecodedBody } from './DecodedBody'
import { HeadersTable } from './HeadersTable'
import { ImportedNote } from './ImportedNote'
import { ReplayActions } from './ReplayActions'
import { ReplayLinks } from './ReplayLinks'
import { ShareActions } from './ShareActions'
import { TimingBar } from './TimingBar'

type Tab = 'request' | 'response' | 'received' | 'flow' | 'curl'

const PANEL_ID = 'inspector-panel'

function tabsOf(row: TimelineRow): { value: Tab; label: string }[] {
  const tabs: { value: Tab; label: string }[] = []
  if (row.exchange) tabs.push({ value: 'request', label: 'Request sent' })
  if (row.exchange) tabs.push({ value: 'response', label: 'Response' })
  if (row.capture) tabs.push({ value: 'received', label: 'Received by receiver' })
  tabs.push({ value: 'flow', label: 'Flow' })
  tabs.push({ value: 'curl', label: 'cURL' })
  return tabs
}

export function curlForRow(row: TimelineRow): string {
  if (row.exchange) return curlForWire(row.exchange.request)
  return curlForEntry(row.capture!)
}

function RequestTab(props: { exchange: Exchange; capture: Capture | null }) {
  const req = props.exchange.request
  const header = req.headers.find(([n]) => n.toLowerCase() === 'authorization')
  return (
    <div className="tab-body">
      <div className="wire-line mono" data-testid="inspector-request-line">
        {requestLineOf(req)} <span className="muted">→ {new URL(req.url).host}</span>
      </div>
      <HeadersTable
        headers={req.headers}
        testId="inspector-request-headers"
        sentEmail={sentEmailOf(props.exchange)}
      />
      {header && isRedactedValue(header[1]) ? (
        <h4 className="minihead">
          Authorization{' '}
          <span className="minihead-note" data-testid="inspector-request-auth">
            redacted on export
            {sentEmailOf(props.exchange) !== null && (
              <>
                ; sent as <span className="mono">{sentEmailOf(props.exchange)}</span>
              </>
            )}
          </span>
        </h4>
      ) : header ? (
        <>
          <h4 className="minihead">Authorization</h4>
          <AuthView
            auth={decodeAuthorization(header[1])}
            matchesExpected={props.capture?.auth?.matchesExpected ?? null}
            answeredStatus={props.capture?.response.status}
            testId="inspector-request-auth"
          />
        </>
      ) : (
        <h4 className="minihead">
          Authorization{' '}
          <span className="minihead-note" data-testid="inspector-request-auth">
            none: no Authorization header was sent
          </span>
        </h4>
      )}
      <BodyViewer
        heading="Body"
        body={{ text: req.body }}
        size={req.bodySize}
        testId="inspector-request-body"
      />
    </div>
  )
}

function ResponseTab(props: { exchange: Exchange }) {
  const { response, error, state } = props.exchange
  return (
    <div className="tab-body">
      {state === 'pending' && <p className="muted">Waiting for the response…</p>}
      {error && (
        <div className="error-box" data-testid="inspector-error">
          <code className="kind-badge">{error.kind}</code> <span>{error.message}</span>
          <p className="muted small">{KIND_EXPLANATIONS[error.kind]}</p>
        </div>
      )}
      {response ? (
        <>
          <div className="wire-line mono" data-testid="inspector-response-status">
            HTTP/1.1 {response.status} {response.statusText}
          </div>
          <HeadersTable headers={response.headers} testId="inspector-response-headers" />
          <h4 className="minihead">Body</h4>
          <BodyViewer
            body={{ base64: response.bodyBase64 }}
            size={response.bodySize}
            truncated={response.truncated}
            testId="inspector-response-body"
          />
        </>
      ) : (
        state === 'done' && <p className="muted">No response was received.</p>
      )}
    </div>
  )
}

function ReceivedTab(props: { capture: Capture }) {
  const c = props.capture
  const outcome = captureOutcome(c)
  return (
    <div className="tab-body">
      <div className="wire-line mono" data-testid="inspector-capture-line">
        {c.method} {c.path} HTTP/{c.httpVersion}{' '}
        <span className="muted">
          from {c.remoteAddress}:{c.remotePort}
        </span>
      </div>
      <dl className="facts facts-compact" data-testid="inspector-answer">
        <dt>Answer</dt>
        <dd
          className={outcome.answered2xx ? undefined : 'status-error'}
          data-testid="inspector-answer-outcome"
        >
          {outcome.text}
        </dd>
        {c.notSaved && (
          <>
            <dt>History</dt>
            <dd className="status-error" data-testid="inspector-not-saved">
              Not saved: the history file could not be written, so this capture is in memory only
              and was answered 503.
            </dd>
          </>
        )}
        <dt>TrialKit event</dt>
        <dd>{c.event ?? <span className="muted">not a TrialKit event</span>}</dd>
        {c.jsonError && (
          <>
            <dt>JSON</dt>
            <dd className="status-error">{c.jsonError}</dd>
          </>
        )}
        <dt>Received</dt>
        <dd>{formatDateTime(c.receivedAt)}</dd>
      </dl>
      <DocDiffView capture={c} />
      <UseAsTemplate capture={c} />
      <h4 className="minihead">Authorization</h4>
      <AuthView
        auth={c.auth}
        matchesExpected={c.auth?.matchesExpected ?? null}
        answeredStatus={c.response.status}
        testId="inspector-capture-auth"
      />
      <h4 className="minihead">Headers as received</h4>
      <HeadersTable
        headers={c.headers}
        testId="inspector-capture-headers"
        sentEmail={sentEmailOf(c)}
      />
      <h4 className="minihead">Body</h4>
      <BodyViewer
        body={{ base64: c.bodyBase64 }}
        size={c.bodySize}
        truncated={c.truncated}
        testId="inspector-capture-body"
      />
      {contentCodings(c.headers).length > 0 && c.bodySize > 0 && <CaptureDecodedBody capture={c} />}
    </div>
  )
}

/** The selected row in full: both sides of the exchange, timings, auth and a replayable cURL. */
export function Inspector() {
  const row = useApp((s) => (s.selectedRowId ? s.history.rows.get(s.selectedRowId) : undefined))
  const showExchange = useApp((s) => s.showExchange)
  const [tab, setTab] = useState<Tab>('request')
  if (!row) {
    return (
      <section className="panel inspector" data-testid="inspector">
        <p className="empty-text">Select a row in the timeline to inspect it.</p>
      </section>
    )
  }
  if (row.capacity) {
    return (
      <section className="panel inspector" data-testid="inspector" data-row-id={row.id}>
        <header className="panel-head inspector-head">
          <span className="pill pill-pending">capacity {row.capacity.capacity}</span>
          <span className="ellipsis">
            ⇉ <strong>Capacity check</strong> {row.capacity.url}
          </span>
        </header>
        <ImportedNote row={row} />
        <CapacityReport run={row.capacity} testId="inspector-capacity" showsFailures />
      </section>
    )
  }
  const tabs = tabsOf(row)
  const current = tabs.some((t) => t.value === tab) ? tab : tabs[0]!.value
  const outcome = rowOutcome(row)
  const ex = row.exchange
  return (
    <section className="panel inspector" data-testid="inspector" data-row-id={row.id}>
      <header className="panel-head inspector-head">
        <span
          className={`pill pill-${outcome === 'ok' ? 'ok' : outcome === 'error' ? 'error' : 'pending'}`}
          data-testid="inspector-outcome"
        >
          {outcome}
        </span>
        <span className={`ev ev-${rowEvent(row)}`}>{rowEvent(row)}</span>
        <span className="ellipsis">
          {ex ? (
            <>
              → <strong>{ex.hookName}</strong>
            </>
          ) : (
            <>
              ← <strong>{row.capture!.method}</strong> {row.capture!.path}
            </>
          )}
          {ex && row.capture && <span className="muted"> · linked with its capture</span>}
        </span>
        <span className="spacer" />
        {ex?.error && (
          <button
            type="button"
            className="btn btn-small"
            data-testid="inspector-show-error"
            onClick={() => showExchange(ex)}
          >
            Show ProtocolError
          </button>
        )}
        <ReplayActions row={row} />
        <ShareActions row={row} />
      </header>
      <ReplayLinks row={row} />
      <ImportedNote row={row} />
      {ex && ex.state === 'done' && (
        <TimingBar timings={ex.timings} timeoutMs={ex.timeoutMs} testId="inspector-timing" />
      )}
      <Segmented
        ariaLabel="Inspector section"
        testId="inspector-tab"
        value={current}
        options={tabs}
        onChange={setTab}
        panelId={PANEL_ID}
      />
      <div
        className="inspector-body"
        key={row.id}
        id={PANEL_ID}
        role="tabpanel"
        aria-labelledby={tabIdOf(PANEL_ID, current)}
        tabIndex={0}
      >
        {current === 'request' && ex && <RequestTab exchange={ex} capture={row.capture} />}
        {current === 'response' && ex && <ResponseTab exchange={ex} />}
        {current === 'received' && row.capture && <ReceivedTab capture={row.capture} />}
        {current === 'flow' && <FlowTab row={row} />}
        {current === 'curl' && (
          <div className="tab-body">
            <p className="muted small">
              Sends the same bytes: every header as {ex ? 'sent' : 'received'} (Authorization
              included) and the body unchanged.
            </p>
            <pre className="mono raw-block" data-testid="inspector-curl">
              {curlForRow(row)}
            </pre>
          </div>
        )}
      </div>
    </section>
  )
}
