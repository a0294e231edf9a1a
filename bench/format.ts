/** Number formatting for the results table. */

export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

/** Milliseconds: two decimals below 1 ms, one below 100 ms, whole above. */
export function ms(n: number): string {
  if (n < 1) return `${n.toFixed(2)} ms`
  return n < 100 ? `${n.toFixed(1)} ms` : `${int(n)} ms`
}

/** Milliseconds with one decimal at any size, for figures judged against a window. */
export function ms1(n: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`
}

export function ratio(n: number | null): string {
  return n === null ? '—' : n.toFixed(2)
}
