/** Byte counts as people read them: exact below 1 KiB, one decimal above. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`
}

/** Durations: milliseconds up to 10 s, then seconds, so both "3 ms" and "2.01 s" stay readable. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0')

/** Local wall-clock time with milliseconds: the resolution that matters when reading a timeline. */
export function formatClock(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

/** Full local date and time, for the inspector header. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClock(iso)}`
}

/** A password shown as dots of the same length, so a wrong length is still noticeable. */
export function maskSecret(secret: string): string {
  return secret === '' ? '(empty)' : '•'.repeat(Math.min(secret.length, 24))
}
