import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_CONTROL_BODY_BYTES } from '@shared/http-contract'
import { formatRequest, RawClient, type RawResponse } from '../helpers/raw-client'
import { ensureBuilt, startServe, type ServeProcess } from '../helpers/cli'
import { failOnProcessErrors } from './support/process-guard'
import { roundTrip } from './support/raw'

failOnProcessErrors()

const TOKEN = 'reliability-access-token-0123456789abcdef'

describe('control server: no one in where they do not belong (serve, real sockets)', () => {
  let dir: string
  let serve: ServeProcess
  let port: number
  let host: string

  beforeAll(async () => {
    ensureBuilt()
    dir = mkdtempSync(join(tmpdir(), 'hi-rel-access-'))
    serve = await startServe(dir, TOKEN)
    port = Number(new URL(serve.base).port)
    host = `127.0.0.1:${port}`
  }, 240_000)
  afterAll(async () => {
    await serve?.cli.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  /** One raw request to the control server, with every header under the test's control. */
  function send(
    headers: [string, string][],
    options: { method?: string; path?: string; body?: string | Buffer } = {}
  ): Promise<RawResponse> {
    return roundTrip(
      port,
      formatRequest({
        method: options.method ?? 'POST',
        path: options.path ?? '/api/getInfo',
        headers,
        body: options.body ?? (options.method === 'GET' ? undefined : '{"args":[]}')
      })
    )
  }

  const json: [string, string] = ['Content-Type', 'application/json']
  const bearer = (token: string): [string, string] => ['Authorization', `Bearer ${token}`]
  const header = (r: RawResponse, name: string): string | undefined =>
    r.headers.find(([n]) => n.toLowerCase() === name)?.[1]

  it('answers a call with the right token', async () => {
    const response = await send([['Host', host], json, bearer(TOKEN)])
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body.toString()).result.receiver.url).toBe(serve.receiverUrl)
  })

  it('no token: 401', async () => {
    const response = await send([['Host', host], json])
    expect(response.status).toBe(401)
    expect(header(response, 'www-authenticate')).toMatch(/^Bearer/)
    expect(response.body.toString()).not.toContain(TOKEN)
  })

  it('a wrong token of any length or form: 401, never a 500 (constant-time compare)', async () => {
    const wrong = [
      `${TOKEN.slice(0, -1)}X`,
      'x',
      TOKEN.slice(0, 8),
      `${TOKEN}${TOKEN}`,
      'y'.repeat(4000),
      'ünïcødé-tøken',
      TOKEN.toUpperCase()
    ]
    for (const token of wrong) {
      const response = await send([['Host', host], json, bearer(token)])
      expect(response.status, token.slice(0, 20)).toBe(401)
    }
    for (const value of [`Basic ${TOKEN}`, 'Bearer', `Bearer  ${TOKEN} extra`, TOKEN]) {
      const response = await send([['Host', host], json, ['Authorization', value]])
      expect(response.status, value).toBe(401)
    }
    const inQuery = await send([['Host', host], json], { path: `/api/getInfo?token=${TOKEN}` })
    expect(inQuery.status).toBe(401)
  })

  it('a foreign Origin: 403, even with the right token', async () => {
    const foreign = [
      'http://evil.example',
      'null',
      `http://localhost.evil.example:${port}`,
      // Origins that merely start with the allowed one: another local port, another host.
      `http://${host}0`,
      `http://${host}1`,
      `http://${host}.evil.example`,
      `https://${host}`
    ]
    for (const origin of foreign) {
      const response = await send([['Host', host], ['Origin', origin], json, bearer(TOKEN)])
      expect(response.status, origin).toBe(403)
    }
    const own = await send([['Host', host], ['Origin', `http://${host}`], json, bearer(TOKEN)])
    expect(own.status).toBe(200)
  })

  it('a foreign Host (DNS rebinding): 403, even with the right token', async () => {
    const foreign = [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1.evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
      // Hosts that merely start with ours: another local port, another name.
      `${host}0`,
      `${host}.evil.example`
    ]
    for (const value of foreign) {
      const response = await send([['Host', value], json, bearer(TOKEN)])
      expect(response.status, value).toBe(403)
    }
    const ui = await send([['Host', 'evil.example']], { method: 'GET', path: '/' })
    expect(ui.status).toBe(403)
  })

  it('malformed or oversized input: 400 / 413 / 415 with a message, and the server keeps going', async () => {
    const auth: [string, string][] = [['Host', host], json, bearer(TOKEN)]
    const bad = await send(auth, { body: '{"args": [' })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body.toString()).error.message).toMatch(/JSON/)

    const wrongArgs = await send(auth, {
      path: '/api/setPreferences',
      body: '{"args":[{"historyCap":"lots"}]}'
    })
    expect(wrongArgs.status).toBe(400)
    expect(JSON.parse(wrongArgs.body.toString()).error.message).toMatch(/historyCap/)

    const plain = await send([['Host', host], ['Content-Type', 'text/plain'], bearer(TOKEN)])
    expect(plain.status).toBe(415)

    const client = await RawClient.open(port)
    try {
      const size = MAX_CONTROL_BODY_BYTES + 1
      client.write(
        formatRequest({
          method: 'POST',
          path: '/api/getInfo',
          headers: [['Host', host], json, bearer(TOKEN), ['Content-Length', String(size)]]
        })
      )
      const huge = await client.response(5000)
      expect(huge.status).toBe(413)
    } finally {
      client.destroy()
    }

    const after = await send(auth)
    expect(after.status).toBe(200)
    expect(serve.cli.running).toBe(true)
  })

  it('the event stream needs the token too', async () => {
    const none = await send([['Host', host]], { method: 'GET', path: '/api/events' })
    expect(none.status).toBe(401)
    const wrong = await send([['Host', host]], { method: 'GET', path: '/api/events?token=nope' })
    expect(wrong.status).toBe(401)
    const client = await RawClient.open(port)
    try {
      client.write(
        formatRequest({
          method: 'GET',
          path: `/api/events?token=${TOKEN}`,
          headers: [['Host', host]]
        })
      )
      const ok = await client.waitFor(
        () => /^HTTP\/1\.1 200/.test(client.received().toString()),
        3000
      )
      expect(ok).toBe(true)
      expect(client.received().toString()).toMatch(/content-type: text\/event-stream/i)
    } finally {
      client.destroy()
    }
  })

  it('serves the UI with a CSP header, no token needed for the page itself', async () => {
    const page = await send([['Host', host]], { method: 'GET', path: '/' })
    expect(page.status).toBe(200)
    const csp = header(page, 'content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toMatch(/unsafe-eval/)
    expect(header(page, 'x-content-type-options')).toBe('nosniff')
    expect(page.body.toString()).toMatch(/<html/i)
  })
})
