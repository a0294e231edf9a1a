import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useNow } from '@renderer/hooks/use-now'
import type { TimelineRow } from '@renderer/lib/history-index'
import { useApp } from '@renderer/store/store-context'
import { Modal } from '../common/Modal'
import { Countdown } from './Countdown'
import { buildFlow } from './flow-model'
import { flowInputOf } from './flow-source'
import { FlowView } from './FlowView'
import { useReducedMotion } from '@renderer/hooks/use-reduced-motion'
import '@renderer/styles/flow.css'

/**
 * The inspector's Flow tab: the row as a sequence diagram, live while its dispatch is pending
 * (the clock is the store's pending dispatch when it is this one, else the exchange's start).
 */
export function FlowTab(props: { row: TimelineRow }) {
  const { history, dispatch, toast } = useApp(
    useShallow((s) => ({ history: s.history, dispatch: s.dispatch, toast: s.toast }))
  )
  const reduced = useReducedMotion()
  const [large, setLarge] = useState(false)
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
  const onError = (m: string): void => toast('error', m)
  return (
    <div className="tab-body" data-testid="inspector-flow">
      <button
        type="button"
        className="btn btn-small flow-enlarge"
        data-testid="flow-enlarge"
        onClick={() => setLarge(true)}
      >
        Enlarge
      </button>
      {model.live && ex && (
        <Countdown
          elapsedMs={model.live.elapsedMs}
          timeoutMs={ex.timeoutMs}
          testId="flow-countdown"
        />
      )}
      <FlowView
        model={model}
        fileName={`hook-flow-${id}`}
        onError={onError}
        axisHeight={260}
        testId="flow"
      />
      {large && (
        <Modal
          title="Flow"
          testId="flow-large-dialog"
          className="flow-modal"
          onClose={() => setLarge(false)}
        >
          <header className="flow-modal-head">
            <h3>Flow</h3>
            <button
              type="button"
              className="btn btn-small"
              data-testid="flow-large-close"
              onClick={() => setLarge(false)}
            >
              Close (Esc)
            </button>
          </header>
          <FlowView
            model={model}
            fileName={`hook-flow-${id}`}
            onError={onError}
            fontSize={15}
            axisHeight={Math.max(300, Math.round(window.innerHeight * 0.5))}
            testId="flow-large"
          />
        </Modal>
      )}
    </div>
  )
}
