import { useEffect, useRef, useState } from 'react'
import type { CapacityRun } from '@shared/schemas'
import { formatMs } from '@renderer/lib/format'
import { requestLineOf } from '@renderer/lib/preview'
import { KIND_EXPLANATIONS } from '@renderer/lib/protocol-error-text'
import type { CapacityFailures as Failures } from '@renderer/store/capacity-types'
import { useApp } from '@renderer/store/store-context'
import { TimingBar } from '../inspector/TimingBar'
import { failuresOf } from './failures-of'

/** "12:00:01.250": when a request of the run left, to tell them apart. */
function clock(iso: string): string {
  const d = new Date(iso)
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0')
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

/**
 * The failing exchanges of one level and kind, opened from the run's table: a list of them and
 * the chosen one with its ProtocolError, timings and answer, and the way to see it as the TrialKit
 * user did.
 */
export function CapacityFailures(props: { run: CapacityRun; failures: Failures }) {
  const { run, failures } = props
  const close = useApp((s) => s.closeCapacityFailures)
  const showExchange = useApp((s) => s.showExchange)
  const list = failuresOf(run, failures.concurrency, failures.key)
  const counted =
    run.steps.find((s) => s.concurrency === failures.concurrency)?.byKind[failures.key] ?? 0
  const [chosenId, setChosenId] = useState<string | null>(null)
  const chosen = list.find((ex) => ex.id === chosenId) ?? list[0] ?? null
  const heading = useRef<HTMLHeadingElement>(null)
  const openedKey = `${failures.runId} ${failures.concurrency} ${failures.key}`

  // The user lands on the failures: in view, and focused for the keyboard.
  useEffect(() => {
    setChosenId(null)
    heading.current?.scrollIntoView?.({ block: 'nearest' })
    heading.current?.focus()
  }, [openedKey])

  return (
    <section
      className="capacity-failures"
      data-testid="capacity-failures"
      data-concurrency={failures.concurrency}
      data-kind={failures.key}
      aria-labelledby="capacity-failures-title"
    >
      <header className="capacity-failures-head">
        <h3 id="capacity-failures-title" ref={heading} tabIndex={-1}>
          At {failures.concurrency}: {counted} failed with {failures.key}
        </h3>
        <span className="muted small" data-testid="capacity-failures-kept">
          {list.length === counted
            ? `all ${counted} kept`
            : `${list.length} of ${counted} kept (a run keeps a sample)`}
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small"
          data-testid="capacity-failures-close"
          onClick={close}
        >
          Close
        </button>
      </header>
      {list.length > 0 && (
        <ul className="capacity-failures-list" aria-label="Failed requests">
          {list.map((ex) => (
            <li key={ex.id}>
              <button
                type="button"
                className={`capacity-failure ${ex.id === chosen?.id ? 'selected' : ''}`}
                aria-pressed={ex.id === chosen?.id}
                data-testid="capacity-failure"
                data-exchange-id={ex.id}
                onClick={() => setChosenId(ex.id)}
              >
                <span className="mono">{clock(ex.startedAt)}</span>
                <code className="kind-badge">{ex.error!.kind}</code>
                <span className="mono">
                  {ex.response ? ex.response.status : 'no answer'} · {formatMs(ex.timings.totalMs)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen?.error && (
        <div className="capacity-failure-detail" data-testid="capacity-failure-detail">
          <div className="error-box" data-testid="capacity-failure-error">
            <code className="kind-badge">{chosen.error.kind}</code>{' '}
            <span>{chosen.error.message}</span>
            <p className="muted small">{KIND_EXPLANATIONS[chosen.error.kind]}</p>
          </div>
          <TimingBar
            timings={chosen.timings}
            timeoutMs={chosen.timeoutMs}
            testId="capacity-failure-timing"
          />
          <div className="wire-line mono">{requestLineOf(chosen.request)}</div>
          <div className="wire-line mono" data-testid="capacity-failure-status">
            {chosen.response
              ? `HTTP/1.1 ${chosen.response.status} ${chosen.response.statusText}`
              : 'No response was received.'}
          </div>
          <button
            type="button"
            className="btn btn-small"
            data-testid="capacity-failure-show"
            onClick={() => showExchange(chosen)}
          >
            Show ProtocolError as TrialKit reports it
          </button>
        </div>
      )}
    </section>
  )
}
