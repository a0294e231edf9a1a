import { useEffect, useRef, useState } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { CapacityStep } from '@shared/schemas'
import { capacityChartOptions, type ChartTheme } from './chart-options'
import { pointsAboveTimeout } from './chart-series'
import { ChartLegend } from './ChartLegend'

const HEIGHT = 260

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim()
  return value === '' ? fallback : value
}

/** Bumps when the theme changes, so the canvas is drawn again in the new colours. */
function useThemeKey(): string {
  const [key, setKey] = useState(() => document.documentElement.dataset.theme ?? '')
  useEffect(() => {
    const observer = new MutationObserver(() =>
      setKey(document.documentElement.dataset.theme ?? '')
    )
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme']
    })
    return () => observer.disconnect()
  }, [])
  return key
}

/** The theme's colours, read from the page's CSS variables. */
function chartTheme(name: string): ChartTheme {
  return {
    name,
    text: cssVar('--text', '#1f2328'),
    muted: cssVar('--muted', '#667080'),
    grid: cssVar('--border', '#dcdfe4'),
    panel: cssVar('--panel', '#ffffff'),
    error: cssVar('--error', '#c62828'),
    warn: cssVar('--warn', '#9a6700')
  }
}

/** Kinds seen in any step, most failures first: one stacked bar segment each. */
export function kindsOf(steps: readonly CapacityStep[]): string[] {
  const totals = new Map<string, number>()
  for (const s of steps) {
    for (const [k, n] of Object.entries(s.byKind)) totals.set(k, (totals.get(k) ?? 0) + n)
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k]) => k)
}

/**
 * uPlot's columns: concurrency, then per kind the failures of it and of every kind after it, so
 * drawing the kinds in order stacks them (each bar covers the bottom of the one before), then p50,
 * p95 and max, drawn last so the bars never hide a point.
 */
export function chartColumns(
  steps: readonly CapacityStep[],
  kinds: readonly string[]
): uPlot.AlignedData {
  const xs = steps.map((s) => s.concurrency)
  const stacked = kinds.map((_, i) =>
    steps.map((s) => kinds.slice(i).reduce((sum, k) => sum + (s.byKind[k] ?? 0), 0) || null)
  )
  return [
    xs,
    ...stacked,
    steps.map((s) => s.p50Ms),
    steps.map((s) => s.p95Ms),
    steps.map((s) => s.maxMs)
  ]
}

/**
 * The capacity chart (see chart-options.ts) with a legend that shows each line's pattern and
 * marker, and the values above the timeout said in words too. uPlot draws on a canvas and stays
 * fast however many points a run has, so the chart can follow a run live.
 */
export function CapacityChart(props: {
  steps: readonly CapacityStep[]
  levels: readonly number[]
  timeoutMs: number
}) {
  const host = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const themeKey = useThemeKey()
  const kinds = kindsOf(props.steps)
  const kindKey = kinds.join(',')
  const levelKey = props.levels.join(',')
  const { timeoutMs } = props
  const data = chartColumns(props.steps, kinds)
  const latest = useRef({ data, steps: props.steps })
  latest.current = { data, steps: props.steps }
  const above = pointsAboveTimeout(props.steps, timeoutMs)

  // Built again when the series change (a new kind, other levels, the theme); otherwise fed data.
  useEffect(() => {
    const el = host.current
    if (!el) return
    const opts = capacityChartOptions({
      width: Math.max(280, el.clientWidth),
      height: HEIGHT,
      levels: levelKey.split(',').map(Number),
      kinds: kindKey === '' ? [] : kindKey.split(','),
      timeoutMs,
      theme: chartTheme(themeKey),
      steps: () => latest.current.steps
    })
    const u = new uPlot(opts, latest.current.data, el)
    plot.current = u
    const resize = new ResizeObserver(() =>
      u.setSize({ width: Math.max(280, el.clientWidth), height: HEIGHT })
    )
    resize.observe(el)
    return () => {
      resize.disconnect()
      u.destroy()
      plot.current = null
    }
  }, [kindKey, levelKey, timeoutMs, themeKey])

  useEffect(() => {
    plot.current?.setData(data)
  })

  return (
    <div className="capacity-chart" data-testid="capacity-chart">
      <div ref={host} className="capacity-chart-plot" />
      <ChartLegend kinds={kinds} steps={props.steps} theme={themeKey} />
      {above.length > 0 && (
        // Rounded up: a value just past the timeout never reads as the timeout itself.
        <p className="small capacity-above" data-testid="capacity-above-timeout">
          Above the timeout line:{' '}
          {above.map((p) => `${p.label} ${Math.ceil(p.ms)} ms at ${p.concurrency}`).join(', ')}.
        </p>
      )}
    </div>
  )
}
