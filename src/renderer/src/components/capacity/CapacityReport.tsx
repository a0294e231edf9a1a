import { useState } from 'react'
import type { CapacityRun, CapacityStep } from '@shared/schemas'
import { downloadText } from '@renderer/lib/download'
import { formatDateTime } from '@renderer/lib/format'
import { useApp } from '@renderer/store/store-context'
import { CapacityChart } from './CapacityChart'
import { CapacityFailures } from './CapacityFailures'
import { errorMessage } from '@shared/error-message'

function ms(value: number | null): string {
  return value === null ? '–' : String(Math.round(value))
}

/**
 * One row per level: what was sent, what came back, how long it took. In a finished run each
 * failure count ("timeout 52") opens those requests.
 */
export function CapacityTable(props: {
  steps: readonly CapacityStep[]
  capacity: number | null
  timeoutMs: number
  /** The finished run these steps are from: its failure counts then open its failures. */
  runId?: string
}) {
  const openFailures = useApp((s) => s.openCapacityFailures)
  return (
    <table className="capacity-table" data-testid="capacity-table">
      <thead>
        <tr>
          <th scope="col">At once</th>
          <th scope="col">Sent</th>
          <th scope="col">OK</th>
          <th scope="col">ProtocolErrors</th>
          <th scope="col">p50 ms</th>
          <th scope="col">p95 ms</th>
          <th scope="col">max ms</th>
        </tr>
      </thead>
      <tbody>
        {props.steps.map((s) => {
          const slow = s.p95Ms !== null && s.p95Ms > props.timeoutMs / 2
          return (
            <tr
              key={s.concurrency}
              data-testid="capacity-step"
              data-concurrency={s.concurrency}
              className={s.concurrency === props.capacity ? 'capacity-held' : undefined}
            >
              <td className="num">{s.concurrency}</td>
              <td className="num">{s.sent}</td>
              <td className="num">{s.ok}</td>
              <td className={s.protocolErrors > 0 ? 'status-error' : undefined}>
                {s.protocolErrors}
                {s.protocolErrors > 0 && (
                  <span className="muted">
                    {' '}
                    (
                    {Object.entries(s.byKind).map(([k, n], i) => (
                      <span key={k}>
                        {i > 0 && ', '}
                        {props.runId === undefined ? (
                          `${k} ${n}`
                        ) : (
                          <button
                            type="button"
                            className="btn-link capacity-open-failures"
                            data-testid="capacity-open-failures"
                            data-kind={k}
                            title={`Show the requests that failed with ${k} at ${s.concurrency}`}
                            onClick={() =>
                              openFailures({
                                runId: props.runId!,
                                concurrency: s.concurrency,
                                key: k
                              })
                            }
                          >
                            {k} {n}
                          </button>
                        )}
                      </span>
                    ))}
                    )
                  </span>
                )}
              </td>
              <td className="num">{ms(s.p50Ms)}</td>
              <td className={`num ${slow ? 'slow' : ''}`}>{ms(s.p95Ms)}</td>
              <td className="num">{ms(s.maxMs)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

/**
 * A finished capacity check: the sentence, the chart, the table, and its exchanges as HAR. Shown
 * in the Capacity view after a run and in the inspector for its timeline row, where the failures
 * opened from either table are listed above the chart.
 */
export function CapacityReport(props: {
  run: CapacityRun
  testId?: string
  /** This report is where the failures opened from a table are shown (the inspector's). */
  showsFailures?: boolean
}) {
  const { run } = props
  const failures = useApp((s) =>
    props.showsFailures && s.capacityFailures?.runId === run.id ? s.capacityFailures : null
  )
  const toast = useApp((s) => s.toast)
  const capacityHar = useApp((s) => s.capacityHar)
  const [error, setError] = useState<string | null>(null)
  const exportHar = async (): Promise<void> => {
    setError(null)
    try {
      const text = await capacityHar(run.id)
      downloadText(`capacity-${run.startedAt.replace(/[:.]/g, '-')}.har`, text)
      toast('info', 'HAR file saved.')
    } catch (e) {
      setError(errorMessage(e))
    }
  }
  return (
    <div className="capacity-report" data-testid={props.testId ?? 'capacity-report'}>
      <p
        className={`capacity-summary ${run.capacity > 0 ? 'capacity-ok' : 'capacity-none'}`}
        data-testid="capacity-summary"
        data-capacity={run.capacity}
      >
        {run.summary}
      </p>
      {failures && <CapacityFailures run={run} failures={failures} />}
      <CapacityChart steps={run.steps} levels={run.levels} timeoutMs={run.timeoutMs} />
      <CapacityTable
        steps={run.steps}
        capacity={run.capacity}
        timeoutMs={run.timeoutMs}
        runId={run.id}
      />
      <div className="capacity-foot">
        <span className="muted small">
          {run.event} events to {run.url}, timeout {run.timeoutMs / 1000} s · {run.requestsSent}{' '}
          requests · {formatDateTime(run.startedAt)} · {run.exchanges.length} exchanges kept
          (failures first)
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small"
          data-testid="capacity-export-har"
          disabled={run.exchanges.length === 0}
          onClick={() => void exportHar()}
        >
          Export exchanges as HAR
        </button>
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
