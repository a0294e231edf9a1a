import uPlot from 'uplot'
import { formatSeconds } from '@shared/capacity'
import type { CapacityStep } from '@shared/schemas'
import {
  LATENCY_SERIES,
  latencyRange,
  pointsAboveTimeout,
  seriesColor,
  type LatencySeries,
  type MarkerShape
} from './chart-series'

/** Kinds get these colours in turn (after the theme's error colour for the first). */
export const KIND_COLORS = [
  '#d9485f',
  '#e08a2e',
  '#8250df',
  '#2b9fb3',
  '#6b7280',
  '#a0522d',
  '#b8336a'
]

/** The theme's colours the chart draws with (read from the page's CSS variables). */
export interface ChartTheme {
  name: string
  text: string
  muted: string
  grid: string
  panel: string
  error: string
  warn: string
}

export interface ChartInput {
  width: number
  height: number
  levels: readonly number[]
  kinds: readonly string[]
  timeoutMs: number
  theme: ChartTheme
  /** The steps drawn now (the chart is fed new data without being built again). */
  steps: () => readonly CapacityStep[]
}

/** The colour of failure kind `i` in the stacked bars. */
export function kindColor(i: number, error: string): string {
  return i === 0 ? error : KIND_COLORS[i % KIND_COLORS.length]!
}

/** Adds one marker of `shape`, centred on (x, y) with radius r, to `path`. */
function addMarker(path: Path2D, shape: MarkerShape, x: number, y: number, r: number): void {
  if (shape === 'circle') {
    path.moveTo(x + r, y)
    path.arc(x, y, r, 0, 2 * Math.PI)
  } else if (shape === 'square') {
    path.rect(x - r, y - r, 2 * r, 2 * r)
  } else {
    path.moveTo(x, y - r)
    path.lineTo(x + r, y + r * 0.8)
    path.lineTo(x - r, y + r * 0.8)
    path.closePath()
  }
}

/** uPlot's point builder drawing `series`' own marker shape at each value. */
function markerPaths(series: LatencySeries): uPlot.Series.Points.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const path = new Path2D()
    const r = (series.markerSize * devicePixelRatio) / 2
    const xs = u.data[0]
    const ys = u.data[seriesIdx]!
    for (let i = idx0; i <= idx1; i++) {
      const v = ys[i]
      const xv = xs[i]
      if (v === null || v === undefined || xv === undefined) continue
      addMarker(path, series.marker, u.valToPos(xv, 'x', true), u.valToPos(v, 'ms', true), r)
    }
    return { stroke: path, fill: path }
  }
}

/** One latency line: its colour, dash pattern and marker. */
function latencySeries(series: LatencySeries, theme: ChartTheme): uPlot.Series {
  const color = seriesColor(series, theme.name)
  return {
    label: series.label,
    scale: 'ms',
    stroke: color,
    width: series.width,
    dash: series.dash,
    points: {
      show: true,
      size: series.markerSize,
      width: 1.5,
      stroke: color,
      fill: color,
      dash: [],
      paths: markerPaths(series)
    },
    value: (_u, v) => (v === null ? '–' : `${Math.round(v)} ms`)
  }
}

/** A horizontal line across the plot at `ms`, labelled at its left on a backing of the panel. */
function drawLine(
  u: uPlot,
  theme: ChartTheme,
  ms: number,
  color: string,
  label: string,
  dash: number[]
): void {
  const ctx = u.ctx
  const { left, width } = u.bbox
  const px = devicePixelRatio
  const y = u.valToPos(ms, 'ms', true)
  ctx.save()
  ctx.strokeStyle = color
  ctx.lineWidth = 1.5 * px
  ctx.setLineDash(dash.map((d) => d * px))
  ctx.beginPath()
  ctx.moveTo(left, y)
  ctx.lineTo(left + width, y)
  ctx.stroke()
  // On a backing of the panel's colour, so the lines crossing it do not hide it.
  const box = lineLabelBox(u, ms, label)
  ctx.fillStyle = theme.panel
  ctx.fillRect(box.x, box.y, box.w, 13 * px)
  ctx.fillStyle = color
  ctx.textAlign = 'left'
  ctx.fillText(label, box.x + 3 * px, y - 5 * px)
  ctx.restore()
}

/** Where a line's label sits (left of the plot, just above the line); sets the label's font. */
function lineLabelBox(u: uPlot, ms: number, label: string): { x: number; y: number; w: number } {
  const px = devicePixelRatio
  u.ctx.font = `${11 * px}px system-ui, sans-serif`
  return {
    x: u.bbox.left + px,
    y: u.valToPos(ms, 'ms', true) - 16 * px,
    w: u.ctx.measureText(label).width + 6 * px
  }
}

/** The timeout line's label: the labels of the points above it keep clear of it. */
function timeoutLabel(timeoutMs: number): string {
  return `timeout ${formatSeconds(timeoutMs)}`
}

/** Writes the value beside every point above the timeout line, so none is read as "about 30 s". */
function labelAboveTimeout(u: uPlot, input: ChartInput): void {
  const ctx = u.ctx
  const px = devicePixelRatio
  // Values that read the same at one level share a label ("p95, max 2.1 s"), drawn at the first.
  const labels: { concurrency: number; ms: number; names: string[]; value: string }[] = []
  for (const p of pointsAboveTimeout(input.steps(), input.timeoutMs)) {
    const value = formatSeconds(p.ms)
    const same = labels.find((l) => l.concurrency === p.concurrency && l.value === value)
    if (same) same.names.unshift(p.label)
    else labels.push({ concurrency: p.concurrency, ms: p.ms, names: [p.label], value })
  }
  ctx.save()
  const drawn = [lineLabelBox(u, input.timeoutMs, timeoutLabel(input.timeoutMs))]
  const h = 13 * px
  const overlaps = (x: number, y: number, w: number): boolean =>
    drawn.some((r) => x < r.x + r.w && r.x < x + w && y < r.y + h && r.y < y + h)
  ctx.font = `600 ${11 * px}px system-ui, sans-serif`
  ctx.textAlign = 'left'
  ctx.textBaseline = 'top'
  const { left, top, width, height } = u.bbox
  for (const p of labels) {
    const series = LATENCY_SERIES.find((s) => s.label === p.names[p.names.length - 1])!
    const text = `${p.names.join(', ')} ${p.value}`
    const w = ctx.measureText(text).width + 4 * px
    // Centred above its point, inside the plot; below it, or lower still, when that is taken.
    const x = Math.min(
      Math.max(u.valToPos(p.concurrency, 'x', true) - w / 2, left),
      left + width - w
    )
    const py = u.valToPos(p.ms, 'ms', true)
    let y = Math.max(py - 8 * px - h, top)
    if (y + h > py - 4 * px) y = py + 8 * px
    while (overlaps(x, y, w) && y < top + height) y += h
    drawn.push({ x, y, w })
    ctx.fillStyle = input.theme.panel
    ctx.fillRect(x, y, w, h)
    ctx.fillStyle = seriesColor(series, input.theme.name)
    ctx.fillText(text, x + 2 * px, y + 1 * px)
  }
  ctx.restore()
}

/**
 * uPlot's options for the capacity chart: latency (p50, p95, max, each with its own line pattern
 * and marker) against concurrency on a log scale, the timeout and half the timeout as lines, and
 * failed requests as bars stacked by ProtocolError kind.
 */
export function capacityChartOptions(input: ChartInput): uPlot.Options {
  const { theme, levels, timeoutMs } = input
  const axis = {
    stroke: theme.muted,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid }
  }
  return {
    width: input.width,
    height: input.height,
    // The legend is drawn beside the chart with the line patterns and markers (see CapacityChart).
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: {
        time: false,
        distr: 3,
        log: 2,
        range: () => [Math.max(0.5, Math.min(...levels) / 1.6), Math.max(...levels) * 1.6]
      },
      ms: { range: (_u, _min, max) => latencyRange(max, timeoutMs) },
      n: { range: (_u, _min, max) => [0, Math.max(4, (max ?? 0) * 1.6)] }
    },
    axes: [
      {
        ...axis,
        label: 'site users saving at once (concurrency)',
        labelSize: 18,
        // A log scale hands the splits back as floats: match them to the levels loosely.
        values: (_u, splits) =>
          splits.map((v) => {
            const level = levels.find((l) => Math.abs(l - v) < l * 1e-6)
            return level === undefined ? '' : String(level)
          }),
        splits: () => [...levels],
        // The default filter of a log axis drops some of these; every level gets its label.
        filter: (_u, splits) => splits
      },
      {
        ...axis,
        scale: 'ms',
        label: 'latency',
        labelSize: 18,
        size: 56,
        values: (_u, splits) => splits.map((v) => `${Number((v / 1000).toFixed(3))} s`)
      },
      {
        ...axis,
        scale: 'n',
        side: 1,
        label: 'failed requests',
        labelSize: 18,
        grid: { show: false }
      }
    ],
    series: [
      { label: 'concurrency' },
      ...input.kinds.map((kind, i): uPlot.Series => ({
        label: `failed: ${kind}`,
        scale: 'n',
        stroke: kindColor(i, theme.error),
        fill: `${kindColor(i, theme.error)}b0`,
        width: 1,
        paths: uPlot.paths.bars!({ size: [0.45, 36], align: 0 }),
        points: { show: false }
      })),
      // Drawn after the bars, so no latency point is hidden behind one.
      ...LATENCY_SERIES.map((s) => latencySeries(s, theme))
    ],
    hooks: {
      // The lines go under the series, so no point is hidden behind a line's label.
      drawAxes: [
        (u) => {
          drawLine(u, theme, timeoutMs, theme.error, timeoutLabel(timeoutMs), [6, 4])
          drawLine(
            u,
            theme,
            timeoutMs / 2,
            theme.warn,
            `half the timeout ${formatSeconds(timeoutMs / 2)}`,
            [2, 3]
          )
        }
      ],
      draw: [(u) => labelAboveTimeout(u, input)]
    }
  }
}
