/** Small statistics over samples; the benchmarks compare medians because the machine is noisy. */

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new Error('no samples')
  return [...values].sort((a, b) => a - b)
}

/** The p-th percentile (0–100), linearly interpolated between the nearest samples. */
export function percentile(values: readonly number[], p: number): number {
  const s = sorted(values)
  const at = (Math.min(Math.max(p, 0), 100) / 100) * (s.length - 1)
  const lo = Math.floor(at)
  const hi = Math.ceil(at)
  return s[lo]! + (s[hi]! - s[lo]!) * (at - lo)
}

export function median(values: readonly number[]): number {
  return percentile(values, 50)
}

export function min(values: readonly number[]): number {
  return sorted(values)[0]!
}

export function max(values: readonly number[]): number {
  const s = sorted(values)
  return s[s.length - 1]!
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

/** Rounds to `digits` decimals, for JSON that stays readable. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
