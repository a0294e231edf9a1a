import { useShallow } from 'zustand/react/shallow'
import type { ScenarioTarget, StepResult } from '@shared/scenarios/run-scenario'
import type { Scenario } from '@shared/schemas'
import { useNow } from '@renderer/hooks/use-now'
import { useApp } from '@renderer/store/store-context'
import { buildFlow } from '../flow/flow-model'
import { flowInputOf } from '../flow/flow-source'
import { hostOf, pathOf } from '../flow/flow-text'
import { FlowView } from '../flow/FlowView'
import { useReducedMotion } from '@renderer/hooks/use-reduced-motion'
import { PayloadView } from './PayloadView'
import { comparedStep, liveRow, readyFlow, stepBody, stepTimeoutMs } from './presenter-data'
import { ReceiverGot } from './ReceiverGot'
import { TrialKitScreen } from './TrialKitScreen'

/**
 * One step on the stage: the diagram large and live, the TrialKit user's screen, the payload
 * with what changed since the previous step, what the receiver got and the answer. A played
 * step shows its recorded result; the one being played follows the store's live history.
 */
export function PresenterStage(props: {
  scenario: Scenario
  index: number
  target: ScenarioTarget
  result: StepResult | undefined
  /** Date.now() when this step was played, while it is being played. */
  playingSince: number | null
  fontSize: number
  axisHeight: number
}) {
  const { scenario, index, target, result, playingSince } = props
  const history = useApp(useShallow((s) => s.history))
  const reduced = useReducedMotion()
  const now = useNow(playingSince !== null, reduced ? 1000 : 100)
  const timeoutMs = stepTimeoutMs(scenario, index)

  const row =
    playingSince !== null
      ? liveRow(history, scenario.name, playingSince)
      : result?.exchange
        ? (history.rows.get(history.rowOf.get(result.exchange.id) ?? '') ?? {
            id: result.exchange.id,
            exchange: result.exchange,
            capture: null
          })
        : null
  const exchange = playingSince === null ? (result?.exchange ?? null) : (row?.exchange ?? null)
  const pending = playingSince !== null && exchange?.state !== 'done'
  const start = exchange ? Date.parse(exchange.startedAt) : (playingSince ?? 0)
  const elapsed = pending ? Math.max(now - Math.min(start, now), 0) : null

  const model =
    row && exchange
      ? buildFlow(flowInputOf(history, { ...row, exchange }, elapsed))
      : readyFlow(hostOf(target.url), timeoutMs, elapsed === null ? null : { elapsedMs: elapsed })

  const body = exchange?.request.body ?? stepBody(scenario, index) ?? ''
  const compared = comparedStep(scenario, index)
  const previous = compared === null ? null : stepBody(scenario, compared)
  const url = exchange?.request.url ?? target.url
  return (
    <div className="pr-grid">
      <section className="pr-card pr-flow" aria-label="The flow">
        <FlowView
          model={model}
          fontSize={props.fontSize}
          axisHeight={props.axisHeight}
          testId="presenter-flow"
          listSteps={false}
          lines={2}
        />
      </section>
      <div className="pr-col">
        <TrialKitScreen
          exchange={pending ? null : exchange}
          waiting={pending ? { elapsedMs: elapsed ?? 0, timeoutMs } : null}
        />
        <PayloadView
          requestLine={`POST ${pathOf(url)}`}
          body={body}
          previous={previous}
          previousLabel={
            compared === null
              ? ''
              : `step ${compared + 1}${compared === index - 1 ? '' : ` (the last ${scenario.steps[index]!.event})`}`
          }
        />
        <ReceiverGot capture={row?.capture ?? null} exchange={exchange} builtIn={target.builtIn} />
      </div>
    </div>
  )
}
