import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine, HISTORY_FILE, type Engine } from '@main/engine'
import { startControlServer, type RunningControlServer } from '@main/web/control-server'
import { makeCapture, makeExchange, removeDir, tempDir } from '../engine/entries'
import { MAX_CONTROL_BODY_BYTES } from '@shared/http-contract'
import { createHttpBridge } from '@renderer/bridge/http-bridge'

const TOKEN = 'export-download-token-0123456789abcdef'
let dir: string
let engine: Engine
let server: RunningControlServer

beforeAll(async () => {
  dir = await tempDir()
  const entries = [
    makeExchange('exc_1', { captureId: 'cap_1' }),
    makeCapture('cap_1', { exchangeId: 'exc_1' }),
    makeCapture('cap_2')
  ]
  await writeFile(join(dir, HISTORY_FILE), `${entries.map((e) => JSON.stringify(e)).join('\n')}\n`)
  engine = await createHeadlessEngine({ dataDir: dir, startReceiver: false })
  server = await startControlServer({ engine, token: TOKEN, staticDir: null, port: 0 })
})

afterAll(async () => {
  await server?.close()
  await engine?.close()
  await removeDir(dir)
})

function post(path: string, body: unknown, token: string | null = TOKEN): Promise<Response> {
  return fetch(`${server.url}${path.replace(/^\//, '')}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` })
    },
    body: JSON.stringify(body)
  })
}

describe('the streamed export download of serve', () => {
  it('sends the HAR and the bundle as the documents exportHar and exportBundle give', async () => {
    const har = await post('/api/export/har', { args: [{ includeSecrets: false }] })
    expect(har.status).toBe(200)
    expect(har.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(har.headers.get('cache-control')).toBe('no-store')
    expect(await har.text()).toBe(await engine.exportHar({}))
    const bundle = await post('/api/export/bundle', { args: [{}] })
    const parsed = JSON.parse(await bundle.text()) as { history: { id: string }[] }
    expect(parsed.history.map((e) => e.id)).toEqual(['exc_1', 'cap_1', 'cap_2'])
  })

  it('imports a file sent as it is to /api/import, larger than a JSON call may be', async () => {
    const pad = 'x'.repeat(MAX_CONTROL_BODY_BYTES)
    const entry = makeCapture('cap_padded', { path: `/pad-${pad.slice(0, 10)}` })
    const bundle = JSON.parse(await engine.exportBundle({})) as { history: unknown[] }
    bundle.history.push({ ...entry, headers: [['X-Pad', pad]] })
    const text = JSON.stringify(bundle)
    expect(text.length).toBeGreaterThan(MAX_CONTROL_BODY_BYTES)
    const res = await fetch(`${server.url}api/import?fileName=big.json&preview=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/octet-stream' },
      body: text
    })
    expect(res.status).toBe(200)
    const { result } = (await res.json()) as {
      result: { historyEntries: number; preview: boolean }
    }
    expect(result).toMatchObject({ historyEntries: 1, preview: true })
    const refused = await fetch(`${server.url}api/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/octet-stream' },
      body: '{"__proto__":{"polluted":true}}'
    })
    expect(refused.status).toBe(400)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      'The file is refused: it uses the reserved key "__proto__", which no export contains.'
    )
  })

  it('is what the browser bridge downloads, as a Blob, and its refusals are errors with the message', async () => {
    const bridge = createHttpBridge({ baseUrl: server.url.replace(/\/$/, ''), token: TOKEN })
    const blob = await bridge.downloadExport!('har', { includeSecrets: false })
    expect(await blob.text()).toBe(await engine.exportHar({}))
    const viaBridge = JSON.parse(await bridge.exportBundle({})) as { history: unknown }
    expect(viaBridge.history).toEqual(
      (JSON.parse(await engine.exportBundle({})) as { history: unknown }).history
    )
    await expect(bridge.downloadExport!('har', { ids: ['cap_nope'] })).rejects.toThrow(
      'No history entry has the id "cap_nope".'
    )
  })

  it('answers a bad request with 400 and its message, and no token with 401', async () => {
    const unknown = await post('/api/export/har', { args: [{ ids: ['cap_nope'] }] })
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toEqual({
      error: { message: 'No history entry has the id "cap_nope".', field: 'ids' }
    })
    const bad = await post('/api/export/bundle', { args: [{ includeSecrets: 'yes' }] })
    expect(bad.status).toBe(400)
    const anonymous = await post('/api/export/har', { args: [{}] }, null)
    expect(anonymous.status).toBe(401)
  })
})
