/**
 * The nearest-rank percentile of a sample (p in 0–100): the value at or below which p % of the
 * sample lies. With the few calls a readiness check makes, interpolating would invent numbers.
 */
export function percentile(values: readonly number[], p: number): number | null {
  // Stryker disable next-line ConditionalExpression: an empty sample gives null below as well; this says so first
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[Math.min(rank, sorted.length) - 1] ?? null
}
