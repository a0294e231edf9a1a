import type { ExchangeError } from '@shared/schemas'

/** Where a dispatch was when something went wrong; the same error code means different things. */
export type DispatchPhase = 'connect' | 'handshake' | 'awaiting-response' | 'body'

export interface FailureContext {
  phase: DispatchPhase
  /** The host name as in the URL (for DNS messages). */
  hostname: string
  /** host:port as in the URL (for connection messages). */
  address: string
  /** Response body bytes received so far. */
  bodyBytes: number
  /** The response's declared Content-Length, when it had one. */
  contentLength: number | null
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME'])
const RESET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET'
])

/** OpenSSL certificate verification results as Node reports them in `err.code`. */
const CERT_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_CRL',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECRYPT_CRL_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CRL_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'CRL_NOT_YET_VALID',
  'CRL_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERROR_IN_CRL_LAST_UPDATE_FIELD',
  'ERROR_IN_CRL_NEXT_UPDATE_FIELD',
  'OUT_OF_MEM',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH'
])

interface NodeError {
  code: string
  message: string
  library: string
}

function asNodeError(err: unknown): NodeError {
  if (err instanceof Error) {
    const e = err as Error & { code?: unknown; library?: unknown }
    return {
      code: typeof e.code === 'string' ? e.code : '',
      message: e.message,
      // Stryker disable next-line ConditionalExpression,StringLiteral: the library is only searched for "SSL", which no default and no number Node gives contains
      library: typeof e.library === 'string' ? e.library : ''
    }
  }
  // Stryker disable next-line StringLiteral: as above, an empty library only has to hold no "SSL"
  return { code: '', message: String(err), library: '' }
}

function isTlsError(e: NodeError, phase: DispatchPhase): boolean {
  if (CERT_CODES.has(e.code)) return true
  if (e.code.startsWith('ERR_TLS_') || e.code.startsWith('ERR_SSL_')) return true
  if (/SSL/i.test(e.library)) return true
  return e.code === 'EPROTO' && phase === 'handshake'
}

function withCode(e: NodeError): string {
  return e.code && !e.message.includes(e.code) ? `${e.message}, ${e.code}` : e.message
}

function received(ctx: FailureContext): string {
  if (ctx.phase !== 'body') return 'before any response'
  const of = ctx.contentLength === null ? '' : ` of ${ctx.contentLength}`
  return `before a complete response (after ${ctx.bodyBytes}${of} body bytes)`
}

function resetMessage(e: NodeError, ctx: FailureContext): string {
  if (e.code.startsWith('HPE_')) {
    return `The server sent a malformed HTTP response (${withCode(e)}); the connection was dropped.`
  }
  if (ctx.phase === 'handshake') {
    return `The connection to ${ctx.address} was closed during the TLS handshake (${withCode(e)}).`
  }
  if (ctx.phase === 'connect') {
    return `The connection to ${ctx.address} was closed while connecting (${withCode(e)}).`
  }
  const hungUp = e.message === 'socket hang up' || e.message === 'aborted'
  const what = hungUp ? 'closed' : `reset (${withCode(e)})`
  return `The connection was ${what} ${received(ctx)}.`
}

/**
 * Turns whatever Node raised into exactly one ProtocolError kind with a message an integrator can
 * act on. Codes Node does not document for a phase still get a kind: before the connection is up
 * they mean "could not connect", after it they mean the exchange broke off.
 */
export function classifyError(err: unknown, ctx: FailureContext): ExchangeError {
  const e = asNodeError(err)
  if (e.code === 'ECONNREFUSED') {
    return {
      kind: 'connection-refused',
      message: `Connection refused by ${ctx.address}: nothing is listening there.`
    }
  }
  if (DNS_CODES.has(e.code)) {
    return {
      kind: 'dns',
      message: `The host name "${ctx.hostname}" could not be resolved (${e.code}).`
    }
  }
  if (isTlsError(e, ctx.phase)) {
    const hint = CERT_CODES.has(e.code)
      ? ' Allow insecure TLS for this hook to accept this certificate anyway.'
      : ''
    return { kind: 'tls', message: `TLS handshake failed: ${withCode(e)}.${hint}` }
  }
  if (e.code === 'ETIMEDOUT') {
    return { kind: 'timeout', message: `The connection to ${ctx.address} timed out (ETIMEDOUT).` }
  }
  if (RESET_CODES.has(e.code) || e.code.startsWith('HPE_') || ctx.phase !== 'connect') {
    return { kind: 'connection-reset', message: resetMessage(e, ctx) }
  }
  return {
    kind: 'connection-refused',
    message: `Could not connect to ${ctx.address} (${withCode(e)}).`
  }
}
