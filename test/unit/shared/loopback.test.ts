import { describe, expect, it } from 'vitest'
import { isLoopbackAddress, isLoopbackHost, isLoopbackUrl } from '@shared/loopback'

// One rule for the engine, the CLI and the window (see src/shared/loopback.ts).
describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['LocalHost', true],
    [' localhost ', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['127.255.255.255', true],
    ['::1', true],
    ['[::1]', true],
    // Names under .localhost go through the system resolver, which need not follow RFC 6761.
    ['app.localhost', false],
    ['localhost.', false],
    ['localhost.example.org', false],
    ['127.0.0.256', false],
    ['127.0.0', false],
    ['127.0.0.1.example.org', false],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['hooks.example.org', false],
    ['', false]
  ])('%j → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected)
  })
})

describe('isLoopbackAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['::ffff:127.0.0.1', true],
    ['::1', true],
    ['::ffff:10.0.0.2', false],
    ['10.0.0.2', false]
  ])('%j → %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected)
  })
})

describe('isLoopbackUrl', () => {
  it.each([
    ['http://localhost:8080/hook', true],
    ['  https://127.0.0.1/hook  ', true],
    ['http://[::1]:4000/', true],
    // The URL parser writes these as 127.0.0.1 before the rule sees them.
    ['http://127.1/', true],
    ['http://0x7f.0.0.1/', true],
    ['http://app.localhost:8080/', false],
    ['https://hooks.example.org/tk', false],
    ['http://user@evil.example#@localhost/', false],
    ['not a url', false],
    ['', false]
  ])('%j → %s', (url, expected) => {
    expect(isLoopbackUrl(url)).toBe(expected)
  })

  it('takes a parsed URL too', () => {
    expect(isLoopbackUrl(new URL('http://localhost/'))).toBe(true)
    expect(isLoopbackUrl(new URL('http://a.localhost/'))).toBe(false)
  })
})
