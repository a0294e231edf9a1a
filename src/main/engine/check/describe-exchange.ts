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

/** The status of a complete response, or null when there was none (timeout, reset, …). */
export function statusOf(ex: Exchange): number | null {
  return ex.response && ex.error?.kind !== 'timeout' && ex.error?.kind !== 'connection-reset'
    ? ex.response.status
    : null
}

/** The response body as text (for comparing two answers). */
export function bodyText(ex: Exchange): string {
  return ex.response ? Buffer.from(ex.response.bodyBase64, 'base64').toString('utf8') : ''
}
