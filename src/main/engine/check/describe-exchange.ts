import type { Exchange } from '../../../shared/schemas'

/** One line of evidence for an exchange: what came back, and how long it took. */
export function exchangeEvidence(label: string, ex: Exchange): string {
  const ms = `${Math.round(ex.timings.totalMs)} ms`
  if (ex.error) {
    const status = ex.response ? `HTTP ${ex.response.status}, ` : ''
    return `${label}: ${status}${ex.error.kind} after ${ms} — ${ex.error.message}`
  }
  return `${label}: HTTP ${ex.response?.status ?? '?'} in ${ms}`
}

/** The response body as text (for comparing two answers). */
export function bodyText(ex: Exchange): string {
  return ex.response ? Buffer.from(ex.response.bodyBase64, 'base64').toString('utf8') : ''
}

/** A duration as people read it on a save: "0.05 s", "3.6 s", "12 s". */
export function formatSeconds(ms: number): string {
  const s = ms / 1000
  if (s < 1) return `${s.toFixed(2).replace(/0$/, '')} s`
  if (s < 10) return `${s.toFixed(1)} s`
  return `${Math.round(s)} s`
}
