import type { KeyboardEvent } from 'react'
import type { PlacedStep } from './flow-layout'

/** Points of a zigzag from (x1, y1) to (x2, y2): how a reset (RST) is drawn. */
function zigzag(x1: number, y1: number, x2: number, y2: number, amp: number): string {
  const n = Math.max(4, Math.round(Math.abs(x2 - x1) / (amp * 2.2)))
  const pts: string[] = []
  for (let i = 0; i <= n; i++) {
    const x = x1 + ((x2 - x1) * i) / n
    const y = y1 + ((y2 - y1) * i) / n + (i === 0 || i === n ? 0 : i % 2 ? -amp : amp)
    pts.push(`${x.toFixed(1)},${y.toFixed(1)}`)
  }
  return pts.join(' ')
}

function arrowHead(x1: number, y1: number, x2: number, y2: number, size: number): string {
  const angle = Math.atan2(y2 - y1, x2 - x1)
  const a = angle + Math.PI - 0.45
  const b = angle + Math.PI + 0.45
  return [
    `${x2},${y2}`,
    `${x2 + size * Math.cos(a)},${y2 + size * Math.sin(a)}`,
    `${x2 + size * Math.cos(b)},${y2 + size * Math.sin(b)}`
  ].join(' ')
}

function Cross(props: { x: number; y: number; r: number }) {
  const { x, y, r } = props
  return (
    <path
      className="flow-cross"
      d={`M${x - r},${y - r}L${x + r},${y + r}M${x - r},${y + r}L${x + r},${y - r}`}
    />
  )
}

/**
 * One step of the flow, focusable: an arrow between two lanes (solid, dashed for a close without
 * an answer, zigzag for a reset, ending in ✕ when it never arrived) or a mark in one lane.
 */
export function FlowStepView(props: {
  placed: PlacedStep
  fontSize: number
  reducedMotion: boolean
  active: boolean
  onFocus: () => void
  onKeyDown: (e: KeyboardEvent<SVGGElement>) => void
}) {
  const { placed: p, fontSize: f, reducedMotion } = props
  const s = p.step
  const line = f * 1.25
  // Crosses and zigzags reach above their line: their labels sit a little higher.
  const lift =
    (s.kind === 'mark' && s.shape === 'cross') || (s.kind === 'message' && s.line === 'zigzag')
      ? f * 0.4
      : 0
  // The detail's last line sits just above the step, its other lines and the label's above it.
  const detailCount = Math.max(p.detailLines.length, 1)
  const detailY = p.y - line * 0.2 - 2 - lift - (detailCount - 1) * line
  const labelY = detailY - line * 0.95 - (p.labelLines.length - 1) * line
  let shape
  if (s.kind === 'message') {
    const dir = p.x2 >= p.x1 ? 1 : -1
    const head = f * 0.7
    const x2 = p.x2 - dir * (s.end === 'cross' ? f * 0.7 : 1)
    shape = (
      <>
        {s.line === 'zigzag' ? (
          <polyline
            className="flow-line"
            points={zigzag(p.x1, p.y, x2, p.yEnd, f * 0.35)}
            fill="none"
          />
        ) : (
          <line
            className={`flow-line ${s.line === 'dashed' ? 'flow-dashed' : ''}`}
            x1={p.x1}
            y1={p.y}
            x2={x2}
            y2={p.yEnd}
          />
        )}
        {s.end === 'arrow' ? (
          <polygon className="flow-head" points={arrowHead(p.x1, p.y, x2, p.yEnd, head)} />
        ) : (
          <Cross x={p.x2} y={p.yEnd} r={f * 0.45} />
        )}
        {s.travelling && !reducedMotion && (
          <circle className="flow-packet" cx={p.x1} cy={p.y} r={f * 0.35}>
            <animate attributeName="cx" from={p.x1} to={x2} dur="1.4s" repeatCount="indefinite" />
          </circle>
        )}
        {s.id === 'outcome' && (
          <g className="flow-screen" aria-hidden="true">
            <rect
              x={p.x2 - f * 0.9}
              y={p.yEnd - f * 0.7}
              width={f * 1.8}
              height={f * 1.4}
              rx={f * 0.2}
            />
            <text x={p.x2} y={p.yEnd + f * 0.35} textAnchor="middle" className="flow-screen-glyph">
              {s.tone === 'ok' ? '✓' : '!'}
            </text>
          </g>
        )}
      </>
    )
  } else {
    shape =
      s.shape === 'cross' ? (
        <Cross x={p.x1} y={p.y} r={f * 0.5} />
      ) : (
        <circle className="flow-dot" cx={p.x1} cy={p.y} r={f * 0.35} />
      )
  }
  return (
    <g
      className={`flow-step flow-tone-${s.tone} ${props.active ? 'flow-step-active' : ''}`}
      tabIndex={0}
      role="listitem"
      aria-label={s.description}
      data-step-id={s.id}
      data-y={p.y.toFixed(1)}
      data-true-y={p.trueY.toFixed(1)}
      onFocus={props.onFocus}
      onKeyDown={props.onKeyDown}
    >
      <title>{s.description}</title>
      <rect
        className="flow-hit"
        x={Math.min(p.x1, p.x2) - f}
        y={labelY - f}
        width={Math.abs(p.x2 - p.x1) + 2 * f}
        height={Math.max(p.yEnd, p.y) - labelY + f * 1.6}
      />
      {shape}
      {p.labelLines.map((text, i) => (
        <text
          key={`l${i}`}
          className="flow-label"
          x={p.labelX}
          y={labelY + i * line}
          textAnchor="middle"
        >
          {text}
        </text>
      ))}
      {p.detailLines.map((text, i) => (
        <text
          key={`d${i}`}
          className="flow-detail"
          x={p.labelX}
          y={detailY + i * line}
          textAnchor="middle"
        >
          {text}
        </text>
      ))}
    </g>
  )
}
