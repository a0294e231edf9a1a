import { useShallow } from 'zustand/react/shallow'
import { useNow } from '../../hooks/use-now'
import type { TimelineRow } from '../../lib/history-index'
import { useApp } from '../../store/store-context'
import { buildFlow } from './flow-model'
import { flowInputOf } from './flow-source'
import { FlowView } from './FlowView'
import { useReducedMotion } from './use-reduced-motion'
import '../../styles/flow.css'

/**
 * The inspector's Flow tab: the row as a sequence diagram, live while its dispatch is pending
 * (the clock is the store's pending dispatch when it is this one, else the exchange's start).
 */
export function FlowTab(props: { row: TimelineRow }) {
  const { history, dispatch, toast } = useApp(
    useShallow((s) => ({ history: s.history, dispatch: s.dispatch, toast: s.toast }))
  )
  const reduced = useReducedMotion()
  const ex = props.row.exchange
  const pending = ex?.state === 'pending'
  const now = useNow(pending, reduced ? 1000 : 100)
  let elapsed: number | null = null
  if (ex && pending) {
    const start =
      dispatch.phase === 'pending' && dispatch.exchangeId === ex.id
        ? dispatch.startedAt
        : Date.parse(ex.startedAt)
    elapsed = Math.max(now - start, 0)
  }
  const model = buildFlow(flowInputOf(history, props.row, elapsed))
  const id = ex?.id ?? props.row.capture?.id ?? 'flow'
  return (
    <div className="tab-body" data-testid="inspector-flow">
      <FlowView
        model={model}
        fileName={`hook-flow-${id}`}
        onError={(m) => toast('error', m)}
        testId="flow"
      />
    </div>
  )
}
