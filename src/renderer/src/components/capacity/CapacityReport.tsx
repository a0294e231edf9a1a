import { useState } from 'react'
import type { CapacityRun, CapacityStep } from '../../../../shared/schemas'
import { downloadText } from '../../lib/download'
import { formatDateTime } from '../../lib/format'
import { errorText } from '../../store/error-text'
import { useApp } from '../../store/store-context'
import { CapacityChart } from './CapacityChart'

function ms(value: number | null): string {
  return value === null ? '–' : String(Math.round(value))
}

/** One row per level: what was sent, what came back, how long it took. */
export function CapacityTable(props: {
  steps: readonly CapacityStep[]
  capacity: number | null
  timeoutMs: number
}) {
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
                    {Object.entries(s.byKind)
                      .map(([k, n]) => `${k} ${n}`)
                      .join(', ')}
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
 * in the Capacity view after a run and in the inspector for its timeline row.
 */
export function CapacityReport(props: { run: CapacityRun; testId?: string }) {
  const { run } = props
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
      setError(errorText(e))
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
      <CapacityChart steps={run.steps} levels={run.levels} timeoutMs={run.timeoutMs} />
      <CapacityTable steps={run.steps} capacity={run.capacity} timeoutMs={run.timeoutMs} />
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
