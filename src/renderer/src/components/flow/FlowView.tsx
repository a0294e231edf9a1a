import { useMemo, useRef, useState } from 'react'
import { savePng, saveSvg } from './export-diagram'
import { FlowDiagram } from './FlowDiagram'
import { layoutFlow } from './flow-layout'
import type { FlowModel } from './flow-types'
import { useElementWidth } from './use-element-width'
import { useReducedMotion } from '@renderer/hooks/use-reduced-motion'
import { errorMessage } from '@shared/error-message'

/**
 * A flow drawn to the width it is given, with the focused step's description under it, the
 * steps in words, and (when `fileName` is given) saving it as SVG or PNG.
 */
export function FlowView(props: {
  model: FlowModel
  fontSize?: number
  axisHeight?: number
  /** Base name for the saved files; no export buttons without it. */
  fileName?: string
  onError?: (message: string) => void
  testId?: string
  /** The steps as an ordered list under the diagram (hidden from view unless opened). */
  listSteps?: boolean
  /** Lines a label may wrap to before it is cut (default 1). */
  lines?: number
}) {
  const { model } = props
  const [boxRef, width] = useElementWidth<HTMLDivElement>(640)
  const svgRef = useRef<SVGSVGElement>(null)
  const reduced = useReducedMotion()
  const [caption, setCaption] = useState<string | null>(null)
  const fontSize = props.fontSize ?? 12
  const layout = useMemo(
    () =>
      layoutFlow(model, {
        width: Math.max(width, fontSize * (6 + 8 * model.lanes.length)),
        fontSize,
        axisHeight: props.axisHeight ?? 320,
        lines: props.lines
      }),
    [model, width, fontSize, props.axisHeight, props.lines]
  )
  const testId = props.testId ?? 'flow'
  const png = (): void => {
    if (!svgRef.current || !props.fileName) return
    savePng(svgRef.current, props.fileName).catch((e: unknown) =>
      props.onError?.(`Could not save the PNG: ${errorMessage(e)}`)
    )
  }
  return (
    <div className="flow" data-testid={testId} data-outcome={model.outcome.state}>
      {props.fileName && (
        <div className="flow-actions">
          <button
            type="button"
            className="btn btn-small"
            data-testid={`${testId}-save-svg`}
            onClick={() => svgRef.current && saveSvg(svgRef.current, props.fileName!)}
          >
            Save diagram as SVG
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid={`${testId}-save-png`}
            onClick={png}
          >
            as PNG
          </button>
          <span className="muted small">Tab to a step, then ↑ ↓ to move through them.</span>
        </div>
      )}
      {/* Focusable so the diagram can be scrolled from the keyboard even before it has steps. */}
      <div
        className="flow-box"
        ref={boxRef}
        role="region"
        aria-label="Sequence diagram"
        tabIndex={0}
      >
        <FlowDiagram
          ref={svgRef}
          model={model}
          layout={layout}
          reducedMotion={reduced}
          onFocusStep={setCaption}
          testId={`${testId}-svg`}
        />
      </div>
      <p className="flow-caption" data-testid={`${testId}-caption`}>
        {caption ?? model.summary}
      </p>
      {props.listSteps !== false && (
        <details className="flow-words">
          <summary>The steps in words</summary>
          <ol data-testid={`${testId}-steps`}>
            {model.banner && <li>{model.banner}</li>}
            {model.steps.map((s) => (
              <li key={s.id}>{s.description}</li>
            ))}
            <li>{model.outcome.text}</li>
          </ol>
        </details>
      )}
    </div>
  )
}
