import type { CapacityStep } from '@shared/schemas'

/**
 * The three latency series, told apart by line pattern and point shape as well as by colour, so a
 * reader who cannot tell the colours apart (or a grey projector) still can. The colours are from
 * the Okabe–Ito palette, which stays distinct under the common colour-vision deficiencies; each
 * theme gets the shade that keeps 3:1 against its panel.
 */
export type LatencyKey = 'p50Ms' | 'p95Ms' | 'maxMs'
export type MarkerShape = 'circle' | 'square' | 'triangle'

export interface LatencySeries {
  key: LatencyKey
  label: string
  /** What the legend says the line is. */
  description: string
  color: { light: string; dark: string }
  /** Canvas dash pattern in CSS pixels; empty: a solid line. */
  dash: number[]
  width: number
  marker: MarkerShape
  /** Marker diameter in CSS pixels. */
  markerSize: number
}

export const LATENCY_SERIES: readonly LatencySeries[] = [
  {
    key: 'p50Ms',
    label: 'p50',
    description: 'p50 (half the saves were faster)',
    color: { light: '#0072b2', dark: '#56b4e9' },
    dash: [],
    width: 2,
    marker: 'circle',
    markerSize: 7
  },
  {
    key: 'p95Ms',
    label: 'p95',
    description: 'p95 (all but the slowest 1 in 20)',
    color: { light: '#a35a00', dark: '#e69f00' },
    dash: [8, 4],
    width: 2,
    marker: 'square',
    markerSize: 8
  },
  {
    key: 'maxMs',
    label: 'max',
    description: 'max (the slowest save)',
    color: { light: '#a2407a', dark: '#cc79a7' },
    dash: [2, 3],
    width: 2,
    marker: 'triangle',
    markerSize: 10
  }
]

/** The colour of a series in the theme shown. */
export function seriesColor(series: LatencySeries, theme: string): string {
  return theme === 'dark' ? series.color.dark : series.color.light
}

/**
 * The latency axis: from 0 to above the larger of the slowest value and the timeout, so a point
 * above the timeout line is inside the plot, never cut off, with room for its label.
 */
export function latencyRange(dataMax: number | null, timeoutMs: number): [number, number] {
  return [0, Math.max(dataMax ?? 0, timeoutMs) * 1.15]
}

/** A latency above the timeout: where it is and what it was, to be labelled on the chart. */
export interface AboveTimeout {
  concurrency: number
  label: string
  ms: number
}

/**
 * Every latency value above the timeout, highest series first at a level (max before p95 before
 * p50), so the chart can write each value beside its point and say it in text too.
 */
export function pointsAboveTimeout(
  steps: readonly CapacityStep[],
  timeoutMs: number
): AboveTimeout[] {
  const out: AboveTimeout[] = []
  for (const s of steps) {
    for (const series of [...LATENCY_SERIES].reverse()) {
      const ms = s[series.key]
      if (ms !== null && ms > timeoutMs) {
        out.push({ concurrency: s.concurrency, label: series.label, ms })
      }
    }
  }
  return out
}
