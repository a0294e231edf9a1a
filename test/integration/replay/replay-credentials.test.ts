import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { REDACTED_AUTHORIZATION_MESSAGE } from '@shared/replay-credentials'
import type { Capture, Exchange, HistoryEntry } from '@shared/schemas'
import { startFixture, TOKEN, type Fixture } from '../../helpers/control-fixture'
import { startEndpoint, type Endpoint } from '../../helpers/endpoint'

const EMAIL = 'ann@site.org'
const PASSWORD = 'pässwörd:1'
/** What TrialKit sends for these credentials: base64 of their UTF-8 bytes. */
const BASIC = `Basic ${Buffer.from(`${EMAIL}:${PASSWORD}`, 'utf8').toString('base64')}`
const PORT = 4779

let fx: Fixture
let engine: Engine
let target: Endpoint
let app: FastifyInstance
/** Raw header pairs of every request the target got. */
const seen: [string, string][][] = []
let exchange: Exchange
let capture: Capture

function pairsOf(raw: string[]): [string, string][] {
  const pairs: [string, string][] = []
  for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!])
  return pairs
}

function authorizationOf(pairs: [string, string][]): string[] {
  return pairs.filter(([n]) => n.toLowerCase() === 'authorization').map(([, v]) => v)
}

/** A history exported without secrets from another machine, imported into a fresh data dir. */
beforeAll(async () => {
  target = await startEndpoint((req, _body, res) => {
    seen.push(pairsOf(req.rawHeaders))
    res.writeHead(200).end('{}')
  })
  const other = await createHeadlessEngine({ dataDir: null, receiverOverrides: { port: 0 } })
  const fired = await other.fire({
    hook: {
      name: 'Their hook',
      url: `${other.receiverStatus().url!}hook`,
      email: EMAIL,
      password: PASSWORD
    },
    event: 'update'
  })
  expect(fired.error).toBeNull()
  const har = await other.exportHar({ includeSecrets: false })
  await other.close()

  fx = await startFixture({ startReceiver: false })
  engine = fx.engine
  await engine.importFile({ text: har, fileName: 'redacted.har' })
  const entries = await engine.listHistory({ limit: 50 })
  exchange = entries.find((e): e is Exchange => e.type === 'exchange')!
  capture = entries.find((e): e is Capture => e.type === 'capture')!
  app = await fx.app(PORT)
})
afterAll(async () => {
  await fx?.dispose()
  await target?.close()
})

async function historySize(): Promise<number> {
  return (await engine.listHistory({ limit: 500 })).length
}

describe('re-sending an entry whose Authorization was redacted on export', () => {
  it('was imported with the placeholder in place of the Authorization', () => {
    expect(exchange.imported).toBe(true)
    expect(authorizationOf(exchange.request.headers)).toEqual(['[redacted]'])
    expect(authorizationOf(capture.headers)).toEqual(['[redacted]'])
  })

  it('refuses without credentials, naming the problem, and sends nothing', async () => {
    const before = { hits: target.hits(), history: await historySize() }
    for (const request of [
      { sourceId: exchange.id, url: target.url },
      { sourceId: exchange.id },
      { sourceId: capture.id, url: target.url },
      // The placeholder kept in edited headers is not an Authorization of the user's own.
      { sourceId: exchange.id, url: target.url, headers: [['Authorization', '[redacted]']] }
    ] as const) {
      await expect(engine.replay(request as never)).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'credentials',
        message: REDACTED_AUTHORIZATION_MESSAGE
      })
    }
    expect(target.hits()).toBe(before.hits)
    expect(await historySize()).toBe(before.history)
  })

  it('says so over the HTTP API with field "credentials", and checks the credentials given', async () => {
    const call = (args: unknown[]) =>
      app.inject({
        method: 'POST',
        url: '/api/replay',
        headers: {
          host: `127.0.0.1:${PORT}`,
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json'
        },
        payload: JSON.stringify({ args })
      })
    const hits = target.hits()
    const refused = await call([{ sourceId: exchange.id, url: target.url }])
    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toEqual({
      error: { message: REDACTED_AUTHORIZATION_MESSAGE, field: 'credentials' }
    })
    const bad = await call([
      { sourceId: exchange.id, url: target.url, credentials: { email: 'a:b', password: 'x' } }
    ])
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ error: { field: 'credentials.email' } })
    expect(target.hits()).toBe(hits)
  })

  it('sends the Basic header built from the credentials given (UTF-8), never the placeholder', async () => {
    const again = await engine.replay({
      sourceId: exchange.id,
      url: target.url,
      credentials: { email: EMAIL, password: PASSWORD }
    })
    expect(again.error).toBeNull()
    expect(again.replayOf).toBe(exchange.id)
    expect(authorizationOf(seen.at(-1)!)).toEqual([BASIC])

    // From the composer: the edited headers still hold the placeholder; it is left out.
    const edited = await engine.replay({
      sourceId: capture.id,
      url: target.url,
      headers: [
        ['Authorization', '[redacted]'],
        ['X-Trace', 'abc']
      ],
      credentials: { email: EMAIL, password: PASSWORD }
    })
    expect(edited.error).toBeNull()
    const got = seen.at(-1)!
    expect(authorizationOf(got)).toEqual([BASIC])
    expect(got).toContainEqual(['X-Trace', 'abc'])
    expect(got.some(([, v]) => v.includes('[redacted]'))).toBe(false)
  })

  it('needs none when an Authorization is typed in or a saved hook sends its own', async () => {
    await engine.replay({
      sourceId: exchange.id,
      url: target.url,
      headers: [['Authorization', 'Bearer typed-in']]
    })
    expect(authorizationOf(seen.at(-1)!)).toEqual(['Bearer typed-in'])

    const hook = await engine.saveHook({
      name: 'Mine',
      url: target.url,
      email: 'me@here.org',
      password: 'mine'
    })
    await engine.replay({
      sourceId: exchange.id,
      hookId: hook.id,
      headers: [['Authorization', '[redacted]']]
    })
    expect(authorizationOf(seen.at(-1)!)).toEqual([
      `Basic ${Buffer.from('me@here.org:mine').toString('base64')}`
    ])
  })

  it('refuses another secret header still holding the placeholder', async () => {
    const hits = target.hits()
    await expect(
      engine.replay({
        sourceId: exchange.id,
        url: target.url,
        headers: [['Cookie', '[redacted]']],
        credentials: { email: EMAIL, password: PASSWORD }
      })
    ).rejects.toMatchObject({
      field: 'headers',
      message:
        "The Cookie header's value was redacted when it was exported; type the value to send or remove the header."
    })
    expect(target.hits()).toBe(hits)
  })

  it('re-sends an entry whose Authorization was kept as it was, with no credentials asked', async () => {
    const entries: HistoryEntry[] = await engine.listHistory({ limit: 50 })
    const sent = entries.find(
      (e): e is Exchange => e.type === 'exchange' && authorizationOf(e.request.headers)[0] === BASIC
    )!
    await engine.replay({ sourceId: sent.id, url: target.url })
    expect(authorizationOf(seen.at(-1)!)).toEqual([BASIC])
  })
})
