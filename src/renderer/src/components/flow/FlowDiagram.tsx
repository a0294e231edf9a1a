import { forwardRef, useId, useState, type KeyboardEvent } from 'react'
import { formatMs } from '@renderer/lib/format'
import type { FlowLayout } from './flow-layout'
import type { FlowModel } from './flow-types'
import { FlowStepView } from './FlowStepView'

/** Moves the focus between steps with the arrow keys, Home and End. */
function moveFocus(e: KeyboardEvent<SVGGElement>): void {
  const steps = [
    ...(e.currentTarget.parentElement?.querySelectorAll<SVGGElement>('.flow-step') ?? [])
  ]
  const i = steps.indexOf(e.currentTarget)
  const next =
    e.key === 'ArrowDown' || e.key === 'ArrowRight'
      ? steps[i + 1]
      : e.key === 'ArrowUp' || e.key === 'ArrowLeft'
        ? steps[i - 1]
        : e.key === 'Home'
          ? steps[0]
          : e.key === 'End'
            ? steps[steps.length - 1]
            : undefined
  if (e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End') e.preventDefault()
  next?.focus()
}

/**
 * The sequence diagram as SVG: lane heads and lifelines, the time ruler with the timeout line,
 * shaded waits, and the steps. Colours come from the theme's CSS variables through classes, so
 * it reads in both themes; the export inlines them.
 */
export const FlowDiagram = forwardRef<
  SVGSVGElement,
  {
    model: FlowModel
    layout: FlowLayout
    reducedMotion: boolean
    onFocusStep?: (description: string | null) => void
    testId?: string
  }
>(function FlowDiagram(props, ref) {
  const { model, layout: L, reducedMotion } = props
  const id = useId()
  const [active, setActive] = useState<string | null>(null)
  const f = L.fontSize
  const line = f * 1.25
  const right = L.width - 6
  const focus = (stepId: string | null, text: string | null): void => {
    setActive(stepId)
    props.onFocusStep?.(text)
  }
  return (
    <svg
      ref={ref}
      xmlns="http://www.w3.org/2000/svg"
      className={`flow-svg ${model.live ? 'flow-live' : ''}`}
      width={L.width}
      height={L.height}
      viewBox={`0 0 ${L.width} ${L.height}`}
      role="group"
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-d`}
      data-testid={props.testId ?? 'flow-svg'}
      data-axis-top={L.axis.top}
      data-axis-height={L.axis.height}
      data-scale-ms={L.axis.scaleMs}
      data-outcome={model.outcome.state}
      style={{ fontSize: f }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) focus(null, null)
      }}
    >
      <title id={`${id}-t`}>Sequence diagram: {model.summary}</title>
      <desc id={`${id}-d`}>
        {[model.banner, ...model.steps.map((s) => s.description), model.outcome.text]
          .filter(Boolean)
          .join(' ')}
      </desc>
      <rect className="flow-bg" x={0} y={0} width={L.width} height={L.height} />
      {L.bannerY !== null && model.banner && (
        <text className="flow-banner" x={6} y={L.bannerY} data-testid="flow-banner">
          {model.banner}
        </text>
      )}
      <g aria-hidden="true">
        {L.lanes.map(({ lane, x, subtitleLines }) => (
          <g
            key={lane.id}
            className={`flow-lane ${lane.absent ? 'flow-absent' : ''}`}
            data-lane={lane.id}
          >
            <rect
              className="flow-lane-head"
              x={x - L.laneStep / 2 + 4}
              y={L.headY}
              width={L.laneStep - 8}
              height={L.headHeight}
              rx={4}
            />
            <text className="flow-lane-title" x={x} y={L.headY + line} textAnchor="middle">
              {laneTitle(lane.title, Math.floor((L.laneStep - 6) / (f * 0.58)))}
            </text>
            {subtitleLines.map((text, i) => (
              <text
                key={i}
                className="flow-detail"
                x={x}
                y={L.headY + line * (2 + i)}
                textAnchor="middle"
              >
                {text}
              </text>
            ))}
            <line
              className="flow-lifeline"
              x1={x}
              y1={L.headY + L.headHeight}
              x2={x}
              y2={L.lifelineEnd}
            />
          </g>
        ))}
        <line className="flow-axis" x1={L.axisX} y1={L.axis.top} x2={L.axisX} y2={L.lifelineEnd} />
        {L.scale.map((t) => (
          <g key={t.y}>
            <line className="flow-axis" x1={L.axisX - 5} y1={t.y} x2={L.axisX} y2={t.y} />
            <text className="flow-detail" x={L.axisX - 8} y={t.y + f * 0.35} textAnchor="end">
              {t.label}
            </text>
          </g>
        ))}
        {L.spans.map(({ span, x, y1, y2, open }) => {
          const w = span.role === 'wait' ? f * 1.1 : span.role === 'blocked' ? f * 0.8 : f * 0.5
          return (
            <rect
              key={span.id}
              className={`flow-span flow-span-${span.role} flow-tone-${span.tone} ${open ? 'flow-open' : ''}`}
              data-span={span.id}
              x={x - w / 2}
              y={y1}
              width={w}
              height={Math.max(y2 - y1, 1)}
            />
          )
        })}
        {L.elapsed && (
          <rect
            className={`flow-elapsed flow-tone-${L.elapsed.tone}`}
            data-testid="flow-elapsed"
            x={L.axisX - f * 0.25}
            y={L.elapsed.y1}
            width={f * 0.5}
            height={L.elapsed.y2 - L.elapsed.y1}
          />
        )}
        {L.ticks.map((t) => (
          <polygon
            key={t.label}
            className="flow-tick"
            data-tick={t.label}
            points={`${L.axisX},${t.y} ${L.axisX + f * 0.6},${t.y - f * 0.35} ${L.axisX + f * 0.6},${t.y + f * 0.35}`}
          />
        ))}
        {L.timeoutY !== null && (
          <g className="flow-timeout" data-testid="flow-timeout-line" data-y={L.timeoutY}>
            <line x1={L.axisX} y1={L.timeoutY} x2={right} y2={L.timeoutY} />
            <text x={right} y={L.timeoutY - 4} textAnchor="end">
              {model.timeoutLabel}
            </text>
          </g>
        )}
        {L.nowY !== null && model.live && (
          <g className="flow-now" data-testid="flow-now">
            <line x1={L.axisX} y1={L.nowY} x2={right} y2={L.nowY} />
            <rect
              className="flow-bg"
              x={0}
              y={L.nowY - f * 0.75}
              width={L.axisX - 2}
              height={f * 1.5}
            />
            <text x={L.axisX - 6} y={L.nowY + f * 0.35} textAnchor="end">
              {formatMs(model.live.elapsedMs)}
            </text>
          </g>
        )}
      </g>
      <g role="list" aria-label="Steps, in time order">
        {L.steps.map((p) => (
          <FlowStepView
            key={p.step.id}
            placed={p}
            fontSize={f}
            reducedMotion={reducedMotion}
            active={active === p.step.id}
            onFocus={() => focus(p.step.id, p.step.description)}
            onKeyDown={moveFocus}
          />
        ))}
      </g>
      <text
        className={`flow-outcome flow-outcome-${model.outcome.state}`}
        x={6}
        y={L.legendY}
        data-testid="flow-outcome"
      >
        {model.outcome.text}
        {L.ticks.length > 0 && (
          <tspan className="flow-detail">
            {'  ·  '}
            {L.ticks.map((t) => `${t.label} ${formatMs(t.atMs)}`).join(' · ')}
          </tspan>
        )}
      </text>
    </svg>
  )
})

/** Shorter lane names for narrow lanes; the full name is in the step descriptions. */
const SHORT_TITLES: Record<string, string> = {
  'TrialKit user': 'User',
  'Built-in receiver': 'Receiver',
  'Hook endpoint': 'Endpoint',
  'Forward target': 'Target',
  'Receiver, forwarding': 'Receiver',
  'Original caller': 'Caller',
  'Caller’s user': 'User'
}

function laneTitle(title: string, max: number): string {
  if (title.length <= max) return title
  return truncate(SHORT_TITLES[title] ?? title, max)
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(max - 1, 3))}…` : text
}
