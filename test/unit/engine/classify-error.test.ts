import { describe, expect, it } from 'vitest'
import {
  classifyError,
  type DispatchPhase,
  type FailureContext
} from '../../../src/main/engine/dispatch/classify-error'

function ctx(phase: DispatchPhase, patch: Partial<FailureContext> = {}): FailureContext {
  return {
    phase,
    hostname: 'hooks.example.org',
    address: 'hooks.example.org:443',
    bodyBytes: 0,
    contentLength: null,
    ...patch
  }
}

function nodeError(code: string, message = `failed ${code}`, library?: string): Error {
  return Object.assign(new Error(message), { code, ...(library ? { library } : {}) })
}

describe('classifyError: one ProtocolError kind per failure, with a message to act on', () => {
  it('ECONNREFUSED: nothing listening', () => {
    expect(classifyError(nodeError('ECONNREFUSED'), ctx('connect'))).toEqual({
      kind: 'connection-refused',
      message: 'Connection refused by hooks.example.org:443: nothing is listening there.'
    })
  })

  it.each(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME'])(
    '%s: the host name could not be resolved',
    (code) => {
      expect(classifyError(nodeError(code), ctx('connect'))).toEqual({
        kind: 'dns',
        message: `The host name "hooks.example.org" could not be resolved (${code}).`
      })
    }
  )

  it('a certificate code: tls, with the hint to allow insecure TLS', () => {
    const result = classifyError(
      nodeError('CERT_HAS_EXPIRED', 'certificate has expired'),
      ctx('handshake')
    )
    expect(result).toEqual({
      kind: 'tls',
      message:
        'TLS handshake failed: certificate has expired, CERT_HAS_EXPIRED. Allow insecure TLS for this hook to accept this certificate anyway.'
    })
  })

  it('ERR_TLS_*, ERR_SSL_* and an SSL library error: tls without the hint', () => {
    for (const err of [
      nodeError('ERR_TLS_CERT_ALTNAME_INVALID', 'altname'),
      nodeError('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version'),
      nodeError('ESOMETHING', 'alert', 'SSL routines')
    ]) {
      const result = classifyError(err, ctx('handshake'))
      expect(result.kind).toBe('tls')
      expect(result.message).not.toContain('Allow insecure TLS')
    }
  })

  it('EPROTO is tls during the handshake and a reset after it', () => {
    expect(classifyError(nodeError('EPROTO'), ctx('handshake')).kind).toBe('tls')
    expect(classifyError(nodeError('EPROTO'), ctx('awaiting-response'))).toEqual({
      kind: 'connection-reset',
      message: 'The connection was reset (failed EPROTO) before any response.'
    })
  })

  it('ETIMEDOUT: timeout naming the address', () => {
    expect(classifyError(nodeError('ETIMEDOUT'), ctx('connect'))).toEqual({
      kind: 'timeout',
      message: 'The connection to hooks.example.org:443 timed out (ETIMEDOUT).'
    })
  })

  it.each(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET'])(
    '%s: a reset, worded by phase',
    (code) => {
      const err = nodeError(code, 'boom')
      expect(classifyError(err, ctx('connect'))).toEqual({
        kind: 'connection-reset',
        message: `The connection to hooks.example.org:443 was closed while connecting (boom, ${code}).`
      })
      expect(classifyError(err, ctx('handshake')).message).toBe(
        `The connection to hooks.example.org:443 was closed during the TLS handshake (boom, ${code}).`
      )
      expect(classifyError(err, ctx('awaiting-response')).message).toBe(
        `The connection was reset (boom, ${code}) before any response.`
      )
      expect(classifyError(err, ctx('body', { bodyBytes: 10, contentLength: 40 })).message).toBe(
        `The connection was reset (boom, ${code}) before a complete response (after 10 of 40 body bytes).`
      )
    }
  )

  it('a socket hang up is "closed", not "reset"; a body without Content-Length counts bytes only', () => {
    expect(
      classifyError(nodeError('ECONNRESET', 'socket hang up'), ctx('body', { bodyBytes: 3 }))
        .message
    ).toBe('The connection was closed before a complete response (after 3 body bytes).')
  })

  it('HPE_* parser errors: a malformed HTTP response, whatever the phase', () => {
    for (const phase of ['connect', 'awaiting-response', 'body'] as const) {
      expect(
        classifyError(nodeError('HPE_INVALID_CONSTANT', 'Expected HTTP/'), ctx(phase))
      ).toEqual({
        kind: 'connection-reset',
        message:
          'The server sent a malformed HTTP response (Expected HTTP/, HPE_INVALID_CONSTANT); the connection was dropped.'
      })
    }
  })

  it('an unknown code before the connection is up: could not connect; after it: reset', () => {
    expect(classifyError(nodeError('EWEIRD'), ctx('connect'))).toEqual({
      kind: 'connection-refused',
      message: 'Could not connect to hooks.example.org:443 (failed EWEIRD).'
    })
    expect(classifyError(new Error('odd'), ctx('awaiting-response'))).toEqual({
      kind: 'connection-reset',
      message: 'The connection was reset (odd) before any response.'
    })
    expect(classifyError('not an error', ctx('connect')).kind).toBe('connection-refused')
  })
})
