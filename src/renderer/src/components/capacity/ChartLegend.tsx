import type { CapacityStep } from '@shared/schemas'
import { LATENCY_SERIES, seriesColor, type LatencySeries } from './chart-series'
import { kindColor } from './chart-options'

/** A short stretch of the series' line with its marker in the middle, as the chart draws it. */
function LineSample(props: { series: LatencySeries; color: string }) {
  const { series, color } = props
  const r = series.markerSize / 2
  const marker =
    series.marker === 'circle' ? (
      <circle cx={16} cy={7} r={r} fill={color} />
    ) : series.marker === 'square' ? (
      <rect x={16 - r} y={7 - r} width={2 * r} height={2 * r} fill={color} />
    ) : (
      <polygon
        points={`16,${7 - r} ${16 + r},${7 + r * 0.8} ${16 - r},${7 + r * 0.8}`}
        fill={color}
      />
    )
  return (
    <svg width={32} height={14} aria-hidden="true" className="legend-sample">
      <line
        x1={0}
        y1={7}
        x2={32}
        y2={7}
        stroke={color}
        strokeWidth={series.width}
        strokeDasharray={series.dash.length > 0 ? series.dash.join(' ') : undefined}
      />
      {marker}
    </svg>
  )
}

/**
 * Which line is which, by pattern and marker as well as colour, and the colour of each failure
 * kind's bar with its total over the run.
 */
export function ChartLegend(props: {
  kinds: readonly string[]
  steps: readonly CapacityStep[]
  theme: string
}) {
  const error =
    getComputedStyle(document.documentElement).getPropertyValue('--error').trim() || '#c62828'
  return (
    <ul className="capacity-legend" data-testid="capacity-legend">
      {LATENCY_SERIES.map((s) => (
        <li key={s.key} data-testid="capacity-legend-item" data-series={s.label}>
          <LineSample series={s} color={seriesColor(s, props.theme)} />
          <span>{s.description}</span>
        </li>
      ))}
      {props.kinds.map((kind, i) => (
        <li key={kind} data-testid="capacity-legend-item" data-series={`failed: ${kind}`}>
          <span className="legend-swatch" style={{ background: kindColor(i, error) }} />
          <span>
            failed: {kind} ({props.steps.reduce((n, s) => n + (s.byKind[kind] ?? 0), 0)})
          </span>
        </li>
      ))}
    </ul>
  )
}
