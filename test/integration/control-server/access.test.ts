import type { FastifyInstance, InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_CONTROL_BODY_BYTES } from '@shared/http-contract'
import { buildControlServer } from '@main/web/control-server'
import { UI_CSP } from '@main/web/static-ui'
import { startFixture, TOKEN, type Fixture } from '../../helpers/control-fixture'

const PORT = 4777
const HOST = `127.0.0.1:${PORT}`

describe('control server: who may call it', () => {
  let fx: Fixture
  let app: FastifyInstance

  beforeAll(async () => {
    fx = await startFixture()
    app = await fx.app(PORT)
  })
  afterAll(async () => {
    await fx?.dispose()
  })

  function call(method: string, payload: unknown, extra: Partial<InjectOptions> = {}) {
    return app.inject({
      method: 'POST',
      url: `/api/${method}`,
      headers: {
        host: HOST,
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        ...(extra.headers as Record<string, string> | undefined)
      },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      ...(extra.query ? { query: extra.query } : {})
    })
  }

  it('answers a good call with {result} and Cache-Control: no-store', async () => {
    const res = await call('getInfo', { args: [] })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    const body = res.json() as { result: { version: string; receiver: { running: boolean } } }
    expect(body.result.receiver.running).toBe(true)
    const cleared = await call('clearHistory', { args: [] })
    expect(cleared.json()).toEqual({ result: null })
  })

  it('refuses a call without a token (401)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/getInfo',
      headers: { host: HOST, 'content-type': 'application/json' },
      payload: '{"args":[]}'
    })
    expect(res.statusCode).toBe(401)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.json().error.message).toMatch(/Missing token/)
  })

  it('refuses a wrong token, also one of another length (401)', async () => {
    for (const token of [`${TOKEN.slice(0, -1)}X`, 'short', `${TOKEN}extra`]) {
      const res = await call(
        'getInfo',
        { args: [] },
        { headers: { authorization: `Bearer ${token}` } }
      )
      expect(res.statusCode).toBe(401)
      expect(res.json().error.message).toMatch(/Wrong token/)
    }
  })

  it('does not take the token from the query string for API calls', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/getInfo?token=${TOKEN}`,
      headers: { host: HOST, 'content-type': 'application/json' },
      payload: '{"args":[]}'
    })
    expect(res.statusCode).toBe(401)
  })

  it('refuses a foreign Origin (403) but accepts its own', async () => {
    const foreign = await call(
      'getInfo',
      { args: [] },
      { headers: { origin: 'https://evil.example' } }
    )
    expect(foreign.statusCode).toBe(403)
    expect(foreign.json().error.message).toMatch(/other origins/)
    const nullOrigin = await call('getInfo', { args: [] }, { headers: { origin: 'null' } })
    expect(nullOrigin.statusCode).toBe(403)
    const own = await call('getInfo', { args: [] }, { headers: { origin: `http://${HOST}` } })
    expect(own.statusCode).toBe(200)
    const otherPort = await call(
      'getInfo',
      { args: [] },
      { headers: { origin: `http://127.0.0.1:${PORT + 1}` } }
    )
    expect(otherPort.statusCode).toBe(403)
  })

  it('refuses a foreign Host (403: DNS rebinding), even with the token; accepts the loopback names', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${PORT}`,
      `127.0.0.1:${PORT + 1}`,
      '127.0.0.1'
    ]) {
      const res = await call('getInfo', { args: [] }, { headers: { host } })
      expect(res.statusCode, host).toBe(403)
    }
    for (const host of [`localhost:${PORT}`, `[::1]:${PORT}`, `LOCALHOST:${PORT}`]) {
      const res = await call('getInfo', { args: [] }, { headers: { host } })
      expect(res.statusCode, host).toBe(200)
    }
    const page = await app.inject({ method: 'GET', url: '/', headers: { host: 'evil.example' } })
    expect(page.statusCode).toBe(403)
  })

  it('names the bad field of bad arguments (400)', async () => {
    const res = await call('fire', { args: [{ event: 'delete', hookId: 'h1' }] })
    expect(res.statusCode).toBe(400)
    const { error } = res.json() as { error: { message: string; field: string } }
    expect(error.field).toBe('event')
    expect(error.message).toMatch(/^event: /)
    const hook = await call('saveHook', {
      args: [{ name: 'x', url: 'http://a/', timeoutSeconds: 0 }]
    })
    expect(hook.statusCode).toBe(400)
    expect(hook.json().error.field).toBe('timeoutSeconds')
    const notArray = await call('getInfo', { args: 'no' })
    expect(notArray.statusCode).toBe(400)
    expect(notArray.json().error.field).toBe('args')
  })

  it('maps engine validation errors to 400 and other engine errors to 500 without a stack', async () => {
    const missing = await call('fire', { args: [{ event: 'insert', hookId: 'no-such-hook' }] })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.message).toMatch(/no-such-hook|hook/i)
    const broken = buildControlServer({
      engine: {
        ...fx.engine,
        on: fx.engine.on.bind(fx.engine),
        getInfo: () => Promise.reject(new Error('disk on fire'))
      } as never,
      token: TOKEN,
      staticDir: null,
      port: PORT
    })
    try {
      const res = await broken.inject({
        method: 'POST',
        url: '/api/getInfo',
        headers: {
          host: HOST,
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json'
        },
        payload: '{"args":[]}'
      })
      expect(res.statusCode).toBe(500)
      expect(res.json()).toEqual({ error: { message: 'disk on fire', field: null } })
      expect(res.body).not.toMatch(/\s+at /)
    } finally {
      await broken.close()
    }
  })

  it('answers an unknown method with 404 naming it', async () => {
    const res = await call('deleteEverything', { args: [] })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.message).toMatch(/Unknown API method "deleteEverything"/)
    const proto = await call('constructor', { args: [] })
    expect(proto.statusCode).toBe(404)
  })

  it('refuses malformed JSON (400), non-JSON bodies (415) and oversized ones (413)', async () => {
    const bad = await call('getInfo', '{"args": [')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.message).toMatch(/not valid JSON/)
    const text = await call('getInfo', '{"args":[]}', { headers: { 'content-type': 'text/plain' } })
    expect(text.statusCode).toBe(415)
    const huge = await call('getInfo', `{"args":[],"pad":"${'x'.repeat(MAX_CONTROL_BODY_BYTES)}"}`)
    expect(huge.statusCode).toBe(413)
    expect(huge.json().error.message).toMatch(/larger than/)
  })

  it('requires the token for anything under /api, routed or not', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nothing', headers: { host: HOST } })
    expect(res.statusCode).toBe(401)
    const encoded = await app.inject({
      method: 'POST',
      url: '/%61pi/getInfo',
      headers: { host: HOST }
    })
    expect(encoded.statusCode).toBe(401)
  })

  it('serves the UI without a token: index.html with a strict CSP, hashed assets, nothing else', async () => {
    const page = await app.inject({
      method: 'GET',
      url: '/?token=anything',
      headers: { host: HOST }
    })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-security-policy']).toBe(UI_CSP)
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect(page.headers['cache-control']).toBe('no-cache')
    expect(page.body).toContain('<div id="root">')
    const asset = await app.inject({
      method: 'GET',
      url: '/assets/app-123.js',
      headers: { host: HOST }
    })
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['content-type']).toMatch(/javascript/)
    for (const url of [
      '/secret.txt',
      '/assets/../secret.txt',
      '/assets/%2e%2e/secret.txt',
      '/index.html'
    ]) {
      const res = await app.inject({ method: 'GET', url, headers: { host: HOST } })
      expect(res.statusCode, url).not.toBe(200)
      expect(res.body).not.toContain('not served')
    }
  })
})
