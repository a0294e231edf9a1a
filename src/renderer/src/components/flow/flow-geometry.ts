/**
 * Where things go in the sequence diagram. Pure functions of the timings, the timeout and the
 * room there is, so the picture can be checked without a browser: time runs down on a real scale
 * (a 2 s answer against a 4 s timeout sits halfway down the axis), and what is too close to read
 * is pushed apart only as far as its label needs, with the true time kept on the ruler.
 */

export interface TimeAxis {
  /** y of t = 0. */
  top: number
  /** Length of the axis in px: t = scaleMs lands at top + height. */
  height: number
  /** The time the full axis stands for: the timeout, or longer when something ran past it. */
  scaleMs: number
}

/** The axis for a flow: the timeout (or a reference) is the full length unless something ran longer. */
export function timeAxis(
  top: number,
  height: number,
  timeoutMs: number | null,
  eventTimesMs: readonly number[]
): TimeAxis {
  const latest = eventTimesMs.reduce((m, t) => (Number.isFinite(t) ? Math.max(m, t) : m), 0)
  const scaleMs = Math.max(timeoutMs ?? 0, latest, 1)
  return { top, height, scaleMs }
}

/** y of a moment `ms` after the start, on a linear scale; never above the start. */
export function yAt(axis: TimeAxis, ms: number): number {
  const share = Math.max(0, Math.min(ms / axis.scaleMs, 1))
  return axis.top + share * axis.height
}

/**
 * Pushes positions apart: each is at its true y, or `minGap` below the one before when they
 * would overlap. Input and output are in the same (time) order.
 */
export function spreadPositions(ys: readonly number[], minGap: number): number[] {
  const out: number[] = []
  for (const y of ys) {
    const prev = out[out.length - 1]
    out.push(prev === undefined ? y : Math.max(y, prev + minGap))
  }
  return out
}

/** Horizontal layout of the lanes across the available width, after the ruler's gutter. */
export function laneXs(count: number, width: number, gutter: number): number[] {
  const usable = width - gutter
  const step = usable / count
  return Array.from({ length: count }, (_, i) => gutter + step * (i + 0.5))
}

/**
 * Splits a label into at most `maxLines` lines of at most `maxChars`, breaking at spaces and
 * ending with an ellipsis when it does not fit (the full text is in the step's description).
 */
export function wrapLabel(text: string, maxChars: number, maxLines = 2): string[] {
  const limit = Math.max(4, Math.floor(maxChars))
  const lines: string[] = []
  let line = ''
  for (const raw of text.split(/\s+/).filter(Boolean)) {
    const word = raw.length > limit ? `${raw.slice(0, limit - 1)}…` : raw
    const next = line ? `${line} ${word}` : word
    if (next.length <= limit) {
      line = next
    } else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  const last = kept[maxLines - 1]!
  kept[maxLines - 1] = `${last.length >= limit ? last.slice(0, limit - 1) : last}…`
  return kept
}

/** Roughly how many characters of a proportional font fit in `px` at `fontSize`. */
export function charsIn(px: number, fontSize: number): number {
  return Math.floor(px / (fontSize * 0.56))
}

/** Evenly spaced ruler ticks from 0 to the timeout: 0, ¼, ½, ¾ and the timeout itself. */
export function rulerTicks(timeoutMs: number | null, parts = 4): number[] {
  if (timeoutMs === null || timeoutMs <= 0) return [0]
  return Array.from({ length: parts + 1 }, (_, i) => (timeoutMs * i) / parts)
}
