import { describe, expect, it } from 'vitest'
import {
  classifyError,
  type DispatchPhase,
  type FailureContext
} from '@main/engine/dispatch/classify-error'

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
    for (const phase of ['connect', 'handshake', 'awaiting-response', 'body'] as const) {
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

  // OpenSSL's certificate verification results, as Node names them in err.code.
  it.each([
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
  ])('%s: tls with the hint to allow insecure TLS, in any phase', (code) => {
    for (const phase of ['connect', 'handshake', 'awaiting-response'] as const) {
      expect(classifyError(nodeError(code, 'verify failed'), ctx(phase))).toEqual({
        kind: 'tls',
        message: `TLS handshake failed: verify failed, ${code}. Allow insecure TLS for this hook to accept this certificate anyway.`
      })
    }
  })

  it('ETIMEDOUT is a timeout in every phase, never a reset', () => {
    for (const phase of ['handshake', 'awaiting-response', 'body'] as const) {
      expect(classifyError(nodeError('ETIMEDOUT'), ctx(phase, { bodyBytes: 5 }))).toEqual({
        kind: 'timeout',
        message: 'The connection to hooks.example.org:443 timed out (ETIMEDOUT).'
      })
    }
  })

  it('EPROTO before the connection is up: could not connect; in the body: a reset', () => {
    expect(classifyError(nodeError('EPROTO', 'proto'), ctx('connect'))).toEqual({
      kind: 'connection-refused',
      message: 'Could not connect to hooks.example.org:443 (proto, EPROTO).'
    })
    expect(
      classifyError(nodeError('EPROTO', 'proto'), ctx('body', { bodyBytes: 1, contentLength: 2 }))
    ).toEqual({
      kind: 'connection-reset',
      message:
        'The connection was reset (proto, EPROTO) before a complete response (after 1 of 2 body bytes).'
    })
  })

  it('"aborted" is "closed", like a hang up, with the bytes that came', () => {
    expect(
      classifyError(
        nodeError('ECONNRESET', 'aborted'),
        ctx('body', { bodyBytes: 7, contentLength: 9 })
      )
    ).toEqual({
      kind: 'connection-reset',
      message: 'The connection was closed before a complete response (after 7 of 9 body bytes).'
    })
    expect(
      classifyError(nodeError('ECONNRESET', 'socket hang up'), ctx('awaiting-response')).message
    ).toBe('The connection was closed before any response.')
  })

  it('an unknown code during the handshake: closed during the TLS handshake', () => {
    expect(classifyError(nodeError('EWEIRD', 'odd'), ctx('handshake'))).toEqual({
      kind: 'connection-reset',
      message:
        'The connection to hooks.example.org:443 was closed during the TLS handshake (odd, EWEIRD).'
    })
  })

  it('names the code once when the message already has it', () => {
    expect(
      classifyError(nodeError('ECONNRESET', 'read ECONNRESET'), ctx('awaiting-response')).message
    ).toBe('The connection was reset (read ECONNRESET) before any response.')
    expect(classifyError(nodeError('ERR_SSL_X', 'boom ERR_SSL_X'), ctx('handshake')).message).toBe(
      'TLS handshake failed: boom ERR_SSL_X.'
    )
  })
})

describe('classifyError of what is not a Node error', () => {
  it('says a thrown string as it is', () => {
    expect(classifyError('socket gone', ctx('body', { bodyBytes: 3 }))).toEqual({
      kind: 'connection-reset',
      message:
        'The connection was reset (socket gone) before a complete response (after 3 body bytes).'
    })
  })
  it('ignores a library that is not a string, and reads an SSL one as TLS', () => {
    const odd = Object.assign(new Error('odd'), { code: 'EPIPE', library: 42 })
    expect(classifyError(odd, ctx('connect')).kind).toBe('connection-reset')
    const ssl = Object.assign(new Error('bad record'), { code: 'EPIPE', library: 'SSL routines' })
    expect(classifyError(ssl, ctx('connect')).kind).toBe('tls')
    const plain = { code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: 'not an Error' }
    expect(classifyError(plain, ctx('connect'))).toEqual({
      kind: 'connection-refused',
      message: 'Could not connect to hooks.example.org:443 ([object Object]).'
    })
  })
})
