import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import type { Capture, Exchange } from '@shared/schemas'
import { buildEventBody } from '@shared/trialkit'
import { startEndpoint, type Endpoint } from '../../helpers/endpoint'

let engine: Engine
let receiverUrl: string
let other: Endpoint
const seen: { method: string; url: string; headers: string[]; body: string }[] = []

beforeAll(async () => {
  engine = await createHeadlessEngine({ dataDir: null, receiverOverrides: { port: 0 } })
  receiverUrl = engine.receiverStatus().url!
  other = await startEndpoint((req, body, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.rawHeaders, body })
    res.writeHead(200).end('{}')
  })
})
afterAll(async () => {
  await engine.close()
  await other.close()
})

async function captureOf(exchange: Exchange): Promise<Capture> {
  const entries = await engine.listHistory({ limit: 100 })
  const c = entries.find((e) => e.type === 'capture' && e.exchangeId === exchange.id)
  if (c?.type !== 'capture') throw new Error('no capture')
  return c
}

function fireAtReceiver(rawBody?: string): Promise<Exchange> {
  return engine.fire({
    hook: {
      name: 'Local',
      url: `${receiverUrl}hook?site=7`,
      email: 'ann@site.org',
      password: 'p:w'
    },
    event: 'review',
    ...(rawBody === undefined ? {} : { rawBody })
  })
}

describe('replay', () => {
  it('re-sends an exchange as it was: same URL, credentials and bytes, linked back', async () => {
    const first = await fireAtReceiver()
    const again = await engine.replay({ sourceId: first.id })
    expect(again.error).toBeNull()
    expect(again.replayOf).toBe(first.id)
    expect(again.origin).toBe('replay')
    expect(again.request.body).toBe(first.request.body)
    expect(again.request.headers).toEqual(first.request.headers)
    const cap = await captureOf(again)
    expect(Buffer.from(cap.bodyBase64, 'base64').toString('utf8')).toBe(buildEventBody('review'))
    expect(cap.auth?.password).toBe('p:w')
    expect(cap.path).toBe('/hook')
  })

  it('sends an edited body and headers elsewhere; Host and Content-Length stay computed', async () => {
    const first = await fireAtReceiver()
    const body = '{"trans_id":"9","form_id":"1","form_name":"É","OnUpdate":true}'
    const again = await engine.replay({
      sourceId: first.id,
      url: other.url,
      body,
      headers: [
        ['X-Trace', 'abc'],
        ['User-Agent', 'custom/1'],
        ['Content-Length', '1']
      ]
    })
    expect(again.error).toBeNull()
    const got = seen.at(-1)!
    expect(got.body).toBe(body)
    const pairs: [string, string][] = []
    for (let i = 0; i < got.headers.length; i += 2)
      pairs.push([got.headers[i]!, got.headers[i + 1]!])
    expect(pairs).toEqual(again.request.headers)
    expect(pairs.find(([n]) => n === 'User-Agent')?.[1]).toBe('custom/1')
    expect(pairs.find(([n]) => n === 'X-Trace')?.[1]).toBe('abc')
    expect(pairs.find(([n]) => n === 'Content-Length')?.[1]).toBe(String(Buffer.byteLength(body)))
    expect(pairs.find(([n]) => n === 'Authorization')?.[1]).toBe(
      `Basic ${Buffer.from('ann@site.org:p:w').toString('base64')}`
    )
  })

  it('re-sends a capture to the receiver on the same path and query, and to a saved hook', async () => {
    const first = await fireAtReceiver()
    const cap = await captureOf(first)
    const again = await engine.replay({ sourceId: cap.id })
    expect(again).toMatchObject({ error: null, replayOf: cap.id, event: 'review' })
    const second = await captureOf(again)
    expect(second.path).toBe('/hook')
    expect(second.query).toEqual({ site: '7' })
    expect(second.bodyBase64).toBe(cap.bodyBase64)

    const hook = await engine.saveHook({ name: 'Other', url: other.url })
    const viaHook = await engine.replay({ sourceId: cap.id, hookId: hook.id })
    expect(viaHook.hookId).toBe(hook.id)
    expect(seen.at(-1)!.body).toBe(buildEventBody('review'))
  })

  it('re-sends an imported exchange, body and credentials as the file had them', async () => {
    const first = await fireAtReceiver()
    const har = await engine.exportHar({ ids: [first.id], includeSecrets: true })
    // The same entries are not imported twice: the file goes into an emptied history.
    await engine.clearHistory()
    const summary = await engine.importFile({ text: har, fileName: 'one.har' })
    expect(summary.historyEntries).toBeGreaterThan(0)
    const entries = await engine.listHistory({ limit: 200 })
    const imported = entries.find(
      (e): e is Exchange => e.type === 'exchange' && e.imported === true
    )
    if (!imported) throw new Error('no imported exchange')
    const again = await engine.replay({ sourceId: imported.id, url: other.url })
    expect(again.error).toBeNull()
    expect(again.replayOf).toBe(imported.id)
    const last = seen.at(-1)!
    expect(last.body).toBe(first.request.body)
    const auth =
      last.headers[last.headers.findIndex((h) => h.toLowerCase() === 'authorization') + 1]
    expect(auth).toBe(`Basic ${Buffer.from('ann@site.org:p:w').toString('base64')}`)
  })

  it('refuses an unknown id, a truncated capture and a missing hook, naming why', async () => {
    await expect(engine.replay({ sourceId: 'exc_nope' })).rejects.toThrow(
      /No exchange or capture in the history has the id "exc_nope"/
    )
    const big = `{"x":"${'a'.repeat(1024 * 1024 + 10)}"}`
    const first = await fireAtReceiver(big)
    const cap = await captureOf(first)
    expect(cap.truncated).toBe(true)
    await expect(engine.replay({ sourceId: cap.id })).rejects.toThrow(
      /kept only the first 1048576 of its \d+ body bytes/
    )
    await expect(engine.replay({ sourceId: first.id, hookId: 'hook_gone' })).rejects.toThrow(
      /No saved hook has the id "hook_gone"/
    )
    await expect(
      engine.replay({ sourceId: first.id, hookId: 'x', url: other.url } as never)
    ).rejects.toThrow(/give at most one of hookId or url/)
  })

  it('labels a re-send that goes to no saved hook by its URL, not by its source’s hook', async () => {
    const first = await fireAtReceiver()
    expect(first.hookName).toBe('Local')
    const elsewhere = await engine.replay({ sourceId: first.id, url: other.url })
    expect(elsewhere).toMatchObject({ hookName: other.url, request: { url: other.url } })
    const asItWas = await engine.replay({ sourceId: first.id })
    expect(asItWas.hookName).toBe(`${receiverUrl}hook?site=7`)
    const cap = await captureOf(first)
    const fromCapture = await engine.replay({ sourceId: cap.id })
    expect(fromCapture.hookName).toBe(`${receiverUrl}hook?site=7`)
  })
})
