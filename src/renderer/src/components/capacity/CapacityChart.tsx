import { useEffect, useRef, useState } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { CapacityStep } from '../../../../shared/schemas'
import { formatSeconds } from '../../../../shared/capacity'

const HEIGHT = 260
/** Kinds get these colours in turn (after reading the theme's error colour for the first). */
const KIND_COLORS = ['#d9485f', '#e08a2e', '#8250df', '#2b9fb3', '#6b7280', '#a0522d', '#b8336a']

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

/** Kinds seen in any step, most failures first: one stacked bar segment each. */
function kindsOf(steps: readonly CapacityStep[]): string[] {
  const totals = new Map<string, number>()
  for (const s of steps) {
    for (const [k, n] of Object.entries(s.byKind)) totals.set(k, (totals.get(k) ?? 0) + n)
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k]) => k)
}

/**
 * uPlot's columns: concurrency, p50, p95, max, then per kind the failures of it and of every
 * kind after it, so drawing the kinds in order stacks them (each bar covers the bottom of the one
 * before).
 */
function columns(steps: readonly CapacityStep[], kinds: readonly string[]): uPlot.AlignedData {
  const xs = steps.map((s) => s.concurrency)
  const stacked = kinds.map((_, i) =>
    steps.map((s) => kinds.slice(i).reduce((sum, k) => sum + (s.byKind[k] ?? 0), 0) || null)
  )
  return [
    xs,
    steps.map((s) => s.p50Ms),
    steps.map((s) => s.p95Ms),
    steps.map((s) => s.maxMs),
    ...stacked
  ]
}

/**
 * Latency (p50, p95, max) against concurrency on a log scale, the timeout and half the timeout as
 * lines, and failed requests as bars stacked by ProtocolError kind. uPlot draws on a canvas and
 * stays fast however many points a run has, so the chart can follow a run live.
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
  const data = columns(props.steps, kinds)
  const latest = useRef({ data, steps: props.steps, kinds })
  latest.current = { data, steps: props.steps, kinds }

  // Built again when the series change (a new kind, other levels, the theme); otherwise fed data.
  useEffect(() => {
    const el = host.current
    if (!el) return
    const text = cssVar('--text', '#1f2328')
    const muted = cssVar('--muted', '#667080')
    const grid = cssVar('--border', '#dcdfe4')
    const panel = cssVar('--panel', '#ffffff')
    const accent = cssVar('--accent', '#2b63c6')
    const error = cssVar('--error', '#c62828')
    const warn = cssVar('--warn', '#9a6700')
    const kindList = kindKey === '' ? [] : kindKey.split(',')
    const levels = levelKey.split(',').map(Number)
    const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } }
    const opts: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height: HEIGHT,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: {
          time: false,
          distr: 3,
          log: 2,
          range: () => [Math.max(0.5, Math.min(...levels) / 1.6), Math.max(...levels) * 1.6]
        },
        ms: {
          range: (_u, _min, max) => [0, Math.max(max ?? 0, timeoutMs) * 1.1]
        },
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
          splits: () => levels,
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
        {
          label: 'p50',
          scale: 'ms',
          stroke: accent,
          width: 2,
          points: { size: 6 },
          value: (_u, v) => (v === null ? '–' : `${Math.round(v)} ms`)
        },
        {
          label: 'p95',
          scale: 'ms',
          stroke: text,
          width: 2,
          points: { size: 6 },
          value: (_u, v) => (v === null ? '–' : `${Math.round(v)} ms`)
        },
        {
          label: 'max',
          scale: 'ms',
          stroke: muted,
          width: 1.5,
          dash: [4, 3],
          points: { size: 5 },
          value: (_u, v) => (v === null ? '–' : `${Math.round(v)} ms`)
        },
        ...kindList.map((kind, i): uPlot.Series => ({
          label: `failed: ${kind}`,
          scale: 'n',
          stroke: i === 0 ? error : KIND_COLORS[i % KIND_COLORS.length]!,
          fill: `${i === 0 ? error : KIND_COLORS[i % KIND_COLORS.length]!}b0`,
          width: 1,
          paths: uPlot.paths.bars!({ size: [0.45, 36], align: 0 }),
          points: { show: false },
          // The column is stacked; the legend shows this kind's own count.
          value: (_u, _v, _si, idx) => {
            if (idx === null) return '–'
            const s = latest.current.steps[idx]
            return s ? String(s.byKind[kind] ?? 0) : '–'
          }
        }))
      ],
      hooks: {
        draw: [
          (u) => {
            const ctx = u.ctx
            const { left, width } = u.bbox
            const line = (ms: number, color: string, label: string, dash: number[]): void => {
              const y = u.valToPos(ms, 'ms', true)
              ctx.save()
              ctx.strokeStyle = color
              ctx.fillStyle = color
              ctx.lineWidth = 1.5 * devicePixelRatio
              ctx.setLineDash(dash.map((d) => d * devicePixelRatio))
              ctx.beginPath()
              ctx.moveTo(left, y)
              ctx.lineTo(left + width, y)
              ctx.stroke()
              ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`
              ctx.textAlign = 'left'
              // On a backing of the panel's colour, so the lines crossing it do not hide it.
              const pad = 3 * devicePixelRatio
              const x = left + 4 * devicePixelRatio
              const textWidth = ctx.measureText(label).width
              ctx.fillStyle = panel
              ctx.fillRect(
                x - pad,
                y - 16 * devicePixelRatio,
                textWidth + 2 * pad,
                13 * devicePixelRatio
              )
              ctx.fillStyle = color
              ctx.fillText(label, x, y - 5 * devicePixelRatio)
              ctx.restore()
            }
            line(timeoutMs, error, `timeout ${formatSeconds(timeoutMs)}`, [6, 4])
            line(timeoutMs / 2, warn, `half the timeout ${formatSeconds(timeoutMs / 2)}`, [2, 3])
          }
        ]
      }
    }
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

  return <div ref={host} className="capacity-chart" data-testid="capacity-chart" />
}
