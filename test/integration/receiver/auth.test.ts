import { beforeEach, describe, expect, it } from 'vitest'
import { encodeBasicAuth } from '@shared/basic-auth'
import { behaviorWith, fixture, send, useHarness } from '../../helpers/receiver-harness'

const { h, agent } = useHarness()

async function withAuth(value: string) {
  const res = await send(agent, h.url('/auth'), {
    method: 'POST',
    headers: { Authorization: value, 'Content-Type': 'application/json; charset=utf-8' },
    body: fixture('insert')
  })
  return { res, capture: h.captures.at(-1)! }
}

describe('receiver: Basic auth is decoded', () => {
  it('decodes a password containing colons', async () => {
    const { capture } = await withAuth(encodeBasicAuth('ann@site.org', 'p:a:ss:'))
    expect(capture.auth).toEqual({
      scheme: 'Basic',
      email: 'ann@site.org',
      password: 'p:a:ss:',
      base64Valid: true,
      matchesExpected: null
    })
  })

  it('decodes a non-ASCII email and password as UTF-8', async () => {
    const { capture } = await withAuth(encodeBasicAuth('jörg+qa@klinik-münchen.de', 'pässwört€'))
    expect(capture.auth).toMatchObject({
      email: 'jörg+qa@klinik-münchen.de',
      password: 'pässwört€',
      base64Valid: true
    })
  })

  it('decodes Latin-1 credentials (valid base64, not UTF-8) and notes the charset', async () => {
    const latin1 = Buffer.from('ann@site.org:pässwörd', 'latin1').toString('base64')
    const { capture } = await withAuth(`Basic ${latin1}`)
    expect(capture.auth).toEqual({
      scheme: 'Basic',
      email: 'ann@site.org',
      password: 'pässwörd',
      base64Valid: true,
      charset: 'latin1',
      matchesExpected: null
    })
  })

  it('reports malformed base64 without failing the request', async () => {
    const { res, capture } = await withAuth('Basic %%%not-base64')
    expect(res.status).toBe(200)
    expect(capture.auth).toEqual({
      scheme: 'Basic',
      email: null,
      password: null,
      base64Valid: false,
      matchesExpected: null
    })
  })

  it('keeps the scheme of a Bearer token and decodes nothing', async () => {
    const { capture } = await withAuth('Bearer abc.def.ghi')
    expect(capture.auth).toMatchObject({ scheme: 'Bearer', email: null, base64Valid: false })
  })

  it('has no auth when no Authorization header was sent', async () => {
    await send(agent, h.url('/none'), { method: 'POST', body: '{}' })
    expect(h.captures[0]?.auth).toBeNull()
  })
})

describe('receiver: expected credentials', () => {
  beforeEach(() => {
    h.behavior = behaviorWith({
      expectedAuth: { email: 'hook@trial.org', password: 'se:cret' },
      delay: { minMs: 300, maxMs: 300 },
      fault: 'hang'
    })
  })

  it('answers 401 with WWW-Authenticate at once (no delay, no fault) on a mismatch', async () => {
    const started = performance.now()
    const { res, capture } = await withAuth(encodeBasicAuth('hook@trial.org', 'wrong'))
    expect(performance.now() - started).toBeLessThan(250)
    expect(res.status).toBe(401)
    expect(res.headers['www-authenticate']).toBe('Basic realm="hook-inspector"')
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(JSON.parse(res.body.toString())).toMatchObject({ error: 'Unauthorized' })
    expect(capture.auth?.matchesExpected).toBe(false)
    expect(capture.response).toEqual({ status: 401, delayMs: 0, fault: 'none' })
  })

  it('answers 401 when no credentials are sent', async () => {
    const res = await send(agent, h.url('/auth'), { method: 'POST', body: '{}' })
    expect(res.status).toBe(401)
    expect(h.captures[0]).toMatchObject({ auth: null, response: { status: 401 } })
  })

  it('answers as the behaviour says when the credentials match', async () => {
    h.behavior = { ...h.behavior, delay: { minMs: 0, maxMs: 0 }, fault: 'none' }
    const { res, capture } = await withAuth(encodeBasicAuth('hook@trial.org', 'se:cret'))
    expect(res.status).toBe(200)
    expect(capture.auth?.matchesExpected).toBe(true)
    expect(capture.response).toEqual({ status: 200, delayMs: 0, fault: 'none' })
  })

  it('compares exactly: email case matters', async () => {
    const { res, capture } = await withAuth(encodeBasicAuth('Hook@trial.org', 'se:cret'))
    expect(res.status).toBe(401)
    expect(capture.auth?.matchesExpected).toBe(false)
  })
})
