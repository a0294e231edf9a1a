import type { Exchange } from '@shared/schemas'
import { bodyStart } from './body-start'

/**
 * One line of evidence for an exchange: what came back, how long it took, and the start of the
 * answer's body (where an endpoint says why it refused).
 */
export function exchangeEvidence(label: string, ex: Exchange): string {
  const ms = `${Math.round(ex.timings.totalMs)} ms`
  const start = ex.response ? bodyStart(ex) : null
  const body = start === null ? '' : `; body: ${start}`
  if (ex.error) {
    const status = ex.response ? `HTTP ${ex.response.status}, ` : ''
    return `${label}: ${status}${ex.error.kind} after ${ms} — ${ex.error.message}${body}`
  }
  return `${label}: HTTP ${ex.response?.status ?? '?'} in ${ms}${body}`
}

/** The response body as text (for comparing two answers). */
export function bodyText(ex: Exchange): string {
  return ex.response ? Buffer.from(ex.response.bodyBase64, 'base64').toString('utf8') : ''
}

/** A duration as people read it on a save: "0.05 s", "3.6 s", "12 s". */
export function formatSeconds(ms: number): string {
  const s = ms / 1000
  // Stryker disable next-line EqualityOperator: at exactly 1 s both branches say "1.0 s"
  if (s < 1) return `${s.toFixed(2).replace(/0$/, '')} s`
  if (s < 10) return `${s.toFixed(1)} s`
  return `${Math.round(s)} s`
}
