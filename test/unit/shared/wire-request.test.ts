import { describe, expect, it } from 'vitest'
import { decodeAuthorization } from '@shared/basic-auth'
import { buildEventBody } from '@shared/trialkit'
import {
  buildWireRequest,
  checkHookUrl,
  formatWireRequest,
  userAgentFor
} from '@shared/wire-request'

const ua = userAgentFor('1.2.3')

describe('wire request', () => {
  it('has exactly the TrialKit headers, in order', () => {
    const body = buildEventBody('insert')
    const built = buildWireRequest(
      { url: 'http://127.0.0.1:4700/hook?study=7', email: 'ann@site.org', password: 'p:w' },
      body,
      ua
    )
    if (!built.ok) throw new Error(built.message)
    expect(built.request.headers).toEqual([
      ['Host', '127.0.0.1:4700'],
      ['Content-Type', 'application/json; charset=utf-8'],
      ['Content-Length', String(Buffer.byteLength(body))],
      ['User-Agent', 'hook-inspector/1.2.3'],
      ['Authorization', `Basic ${Buffer.from('ann@site.org:p:w').toString('base64')}`],
      ['Connection', 'close']
    ])
    expect(decodeAuthorization(built.request.headers[4]![1]).password).toBe('p:w')
    expect(formatWireRequest(built.request)).toBe(
      'POST /hook?study=7 HTTP/1.1\r\n' +
        built.request.headers.map(([n, v]) => `${n}: ${v}`).join('\r\n') +
        `\r\n\r\n${body}`
    )
  })

  it('omits Authorization without an email and counts UTF-8 bytes', () => {
    const built = buildWireRequest(
      { url: 'https://example.org', email: '', password: 'x' },
      'é',
      ua
    )
    if (!built.ok) throw new Error(built.message)
    expect(built.request.headers.map(([n]) => n)).not.toContain('Authorization')
    expect(built.request.bodySize).toBe(2)
    expect(built.request.headers[0]).toEqual(['Host', 'example.org'])
  })

  it('brackets IPv6 hosts in Host', () => {
    const built = buildWireRequest({ url: 'http://[::1]:8080/', email: '', password: '' }, '{}', ua)
    expect(built.ok && built.request.headers[0]).toEqual(['Host', '[::1]:8080'])
  })

  it.each([
    ['', /empty/],
    ['example.org/hook', /not an absolute URL/],
    ['ftp://example.org/', /"ftp" is not supported/],
    ['http://user:pw@example.org/', /credentials/]
  ])('refuses %j as an invalid URL', (url, message) => {
    const check = checkHookUrl(url)
    expect(check.ok).toBe(false)
    if (!check.ok) expect(check.message).toMatch(message)
  })
})
