import { formatMs } from '@renderer/lib/format'
import {
  charsIn,
  laneXs,
  rulerTicks,
  spreadPositions,
  timeAxis,
  wrapLabel,
  yAt,
  type TimeAxis
} from './flow-geometry'
import type { FlowLane, FlowModel, FlowSpan, FlowStep, FlowTick } from './flow-types'

export interface LayoutOptions {
  /** Width of the drawing in px (the SVG is drawn 1:1, so text keeps its size). */
  width: number
  /** Body text size in px; everything else scales with it. */
  fontSize: number
  /** Length of the time axis in px before anything is pushed apart. */
  axisHeight: number
  /**
   * Lines a label, its detail and a lane's subtitle may wrap to before they are cut short
   * (default 1; presenter mode gives 2, so a room reads every label whole).
   */
  lines?: number
}

export interface PlacedStep {
  step: FlowStep
  /** Where it is drawn (pushed apart when too close) and where its time truly is. */
  y: number
  yEnd: number
  trueY: number
  x1: number
  x2: number
  /** The label and its detail, each wrapped to at most `lines` lines. */
  labelLines: string[]
  detailLines: string[]
  /** Centre of the label block, kept inside the drawing. */
  labelX: number
}

export interface PlacedSpan {
  span: FlowSpan
  x: number
  y1: number
  y2: number
  open: boolean
}

export interface FlowLayout {
  width: number
  height: number
  fontSize: number
  bannerY: number | null
  headY: number
  headHeight: number
  axisX: number
  axis: TimeAxis
  lanes: { lane: FlowLane; x: number; subtitleLines: string[] }[]
  laneStep: number
  /** Lines a label may take (see LayoutOptions.lines). */
  lines: number
  steps: PlacedStep[]
  spans: PlacedSpan[]
  scale: { y: number; label: string }[]
  ticks: (FlowTick & { y: number })[]
  timeoutY: number | null
  /** The time taken so far (or in all), drawn as a bar along the ruler. */
  elapsed: { y1: number; y2: number; tone: 'normal' | 'warn' | 'error' } | null
  nowY: number | null
  lifelineEnd: number
  legendY: number
}

function stepTimes(model: FlowModel): number[] {
  const times: number[] = []
  for (const s of model.steps) times.push(s.atMs, s.kind === 'message' ? s.endMs : s.atMs)
  for (const s of model.spans) if (s.toMs !== null) times.push(s.toMs)
  if (model.live) times.push(model.live.elapsedMs)
  return times
}

/**
 * Places a flow: lanes across, time down on a real scale against the timeout. Each step's label
 * needs two lines above its arrow, so steps closer than that are pushed apart; `trueY` keeps
 * where the time really falls, for the ruler.
 */
export function layoutFlow(model: FlowModel, opts: LayoutOptions): FlowLayout {
  const f = opts.fontSize
  const n = Math.max(1, opts.lines ?? 1)
  const line = f * 1.25
  const bannerY = model.banner ? f * 1.2 : null
  const headY = (bannerY === null ? 0 : bannerY + line * 0.6) + 4
  const gutter = Math.round(f * 6.5)
  const axisX = gutter - f * 0.8
  const xs = laneXs(model.lanes.length, opts.width, gutter)
  const laneStep = xs.length > 1 ? xs[1]! - xs[0]! : opts.width - gutter
  const subtitles = model.lanes.map((lane) =>
    wrapLabel(lane.subtitle, Math.floor((laneStep - 14) / (f * 0.5)), n)
  )
  const headHeight = line * (1 + Math.max(1, ...subtitles.map((l) => l.length))) + 10
  const laneX = new Map(model.lanes.map((l, i) => [l.id, xs[i]!]))
  // A label block is centred on its step but never runs out of the drawing.
  const inside = (x: number, lines: string[]): number => {
    const half = (Math.max(0, ...lines.map((l) => l.length)) * f * 0.56) / 2
    return Math.min(Math.max(x, half + 2), opts.width - half - 2)
  }

  // One row per step, in time order; a slanted arrow keeps its true duration below its row.
  // A row is as tall as the most lines any step's label and detail wrap to (two when none wraps).
  const wrapped = model.steps.map((step) => {
    const room =
      step.kind === 'message'
        ? Math.max(
            Math.abs((laneX.get(step.to) ?? gutter) - (laneX.get(step.from) ?? gutter)),
            laneStep * 1.6
          ) - 8
        : laneStep * 1.6 - 10
    return {
      label: wrapLabel(step.label, charsIn(room, f), n),
      detail: wrapLabel(step.detail, charsIn(room, f * 0.88), n)
    }
  })
  const rowLines = Math.max(2, ...wrapped.map((w) => w.label.length + Math.max(w.detail.length, 1)))
  const gap = line * rowLines + f * 0.5 + 6
  const top = headY + headHeight + line * rowLines + 8
  const axis = timeAxis(top, opts.axisHeight, model.timeoutMs, stepTimes(model))
  const spread = spreadPositions(
    model.steps.map((s) => yAt(axis, s.atMs)),
    gap
  )
  const steps: PlacedStep[] = model.steps.map((step, i) => {
    const y = spread[i]!
    const yEnd = step.kind === 'message' ? y + yAt(axis, step.endMs) - yAt(axis, step.atMs) : y
    if (step.kind === 'message') {
      const x1 = laneX.get(step.from) ?? gutter
      const x2 = laneX.get(step.to) ?? gutter
      const { label: labelLines, detail: detailLines } = wrapped[i]!
      return {
        step,
        y,
        yEnd,
        trueY: yAt(axis, step.atMs),
        x1,
        x2,
        labelLines,
        detailLines,
        labelX: inside((x1 + x2) / 2, [...labelLines, ...detailLines])
      }
    }
    const x = laneX.get(step.lane) ?? gutter
    const { label: labelLines, detail: detailLines } = wrapped[i]!
    return {
      step,
      y,
      yEnd: y,
      trueY: yAt(axis, step.atMs),
      x1: x,
      x2: x,
      labelLines,
      detailLines,
      labelX: inside(x, [...labelLines, ...detailLines])
    }
  })

  const lastRow = Math.max(axis.top, ...steps.map((p) => p.yEnd))
  const axisEnd = axis.top + axis.height
  const lifelineEnd = Math.max(axisEnd, lastRow) + line * 1.5
  const spans: PlacedSpan[] = model.spans.map((span) => {
    const open = span.toMs === null
    const liveEnd = model.live ? yAt(axis, model.live.elapsedMs) : lifelineEnd
    return {
      span,
      x: laneX.get(span.lane) ?? gutter,
      y1: yAt(axis, span.fromMs),
      y2: open ? liveEnd : yAt(axis, span.toMs!),
      open
    }
  })

  const timeoutY = model.timeoutMs === null ? null : yAt(axis, model.timeoutMs)
  // Where rows were pushed below their time, the ruler's numbers would be read against them:
  // those numbers are left out (the rows carry their own times), the ones below stay.
  const displaced = steps.filter((p) => p.y - p.trueY > 4).map((p) => p.yEnd)
  const hideUntil = displaced.length ? Math.max(...displaced) + gap / 2 : -Infinity
  const scale = rulerTicks(model.timeoutMs)
    .map((ms) => ({ y: yAt(axis, ms), label: ms === 0 ? '0' : formatMs(ms) }))
    .filter((t) => t.y === axis.top || t.y > hideUntil)
  return {
    width: opts.width,
    height: lifelineEnd + line * 2.2,
    fontSize: f,
    bannerY,
    headY,
    headHeight,
    axisX,
    axis,
    lanes: model.lanes.map((lane, i) => ({
      lane,
      x: laneX.get(lane.id)!,
      subtitleLines: subtitles[i]!
    })),
    laneStep,
    lines: n,
    steps,
    spans,
    scale,
    ticks: model.ticks.map((t) => ({ ...t, y: yAt(axis, t.atMs) })),
    timeoutY,
    elapsed: elapsedBar(model, axis),
    nowY: model.live ? yAt(axis, model.live.elapsedMs) : null,
    lifelineEnd,
    legendY: lifelineEnd + line * 1.4
  }
}

/** The bar along the ruler: how long the whole exchange took against the timeout, at a glance. */
function elapsedBar(model: FlowModel, axis: TimeAxis): FlowLayout['elapsed'] {
  const total = model.live?.elapsedMs ?? model.totalMs
  if (total === null) return null
  const tone =
    model.timeoutMs === null
      ? 'normal'
      : total >= model.timeoutMs
        ? 'error'
        : total >= model.timeoutMs / 2
          ? 'warn'
          : 'normal'
  return { y1: axis.top, y2: Math.max(yAt(axis, total), axis.top + 2), tone }
}
