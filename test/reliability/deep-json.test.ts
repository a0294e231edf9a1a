import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { CaptureSchema, type Capture } from '@shared/schemas'
import { failOnProcessErrors } from './support/process-guard'

failOnProcessErrors()

/** JSON objects nested `depth` deep: `{"a":{"a":…1…}}`, six bytes a level. */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
}

const TOO_DEEP = 'nested deeper than 256 levels: shown as raw text'

describe('JSON nested deeper than the app serializes safely (engine, real sockets, journaled)', () => {
  const cleanup: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn()
  })

  async function start(dir: string): Promise<{ engine: Engine; captures: Capture[] }> {
    const engine = await createHeadlessEngine({ dataDir: dir, receiverOverrides: { port: 0 } })
    cleanup.push(() => engine.close())
    const captures: Capture[] = []
    engine.on('capture', (capture) => captures.push(CaptureSchema.parse(capture)))
    return { engine, captures }
  }

  function dataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'hi-rel-deep-'))
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
    return dir
  }

  async function post(engine: Engine, path: string, body: string): Promise<number> {
    const res = await fetch(`http://127.0.0.1:${engine.receiverStatus().port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body
    })
    await res.arrayBuffer()
    return res.status
  }

  it('records a body nested 5,000 deep byte-exact, answered as the behaviour says, with no JSON tree and the reason', async () => {
    const dir = dataDir()
    const { engine, captures } = await start(dir)
    const body = nested(5000)
    expect(body.length).toBe(30_001)

    expect(await post(engine, '/deep', body)).toBe(200)
    expect(captures).toHaveLength(1)
    const capture = captures[0]!
    expect(capture).toMatchObject({
      method: 'POST',
      path: '/deep',
      json: null,
      jsonError: TOO_DEEP
    })
    expect(Buffer.from(capture.bodyBase64, 'base64').toString('utf8')).toBe(body)
    expect(capture.response.status).toBe(200)

    // In the journal, and back whole after a restart.
    const line = readFileSync(join(dir, 'history.jsonl'), 'utf8')
    expect(line).toContain(capture.id)
    await engine.close()
    const again = await start(dir)
    const [entry] = await again.engine.listHistory({ limit: 10, offset: 0 })
    expect(entry).toMatchObject({ id: capture.id, json: null, jsonError: TOO_DEEP })

    // And the receiver goes on.
    expect(await post(again.engine, '/after', '{"ok":true}')).toBe(200)
    expect(again.captures.at(-1)).toMatchObject({ json: { ok: true }, jsonError: null })
  })

  it('keeps the JSON tree up to 256 levels and drops it from 257', async () => {
    const { engine, captures } = await start(dataDir())
    expect(await post(engine, '/256', nested(256))).toBe(200)
    expect(await post(engine, '/257', nested(257))).toBe(200)
    expect(captures[0]!.json).not.toBeNull()
    expect(captures[0]!.jsonError).toBeNull()
    expect(captures[1]).toMatchObject({ json: null, jsonError: TOO_DEEP })
    // Brackets inside strings are text, not nesting.
    expect(await post(engine, '/brackets', JSON.stringify({ s: '['.repeat(1000) }))).toBe(200)
    expect(captures[2]).toMatchObject({ json: { s: '['.repeat(1000) }, jsonError: null })
  })

  it('exports a capture nested 4,000 deep in proportion to its size, and imports it back', async () => {
    const { engine } = await start(dataDir())
    const body = nested(4000)
    expect(await post(engine, '/deep', body)).toBe(200)

    const bundle = await engine.exportBundle({})
    const har = await engine.exportHar({})
    // The body is in there once as base64 (4/3 of its size), plus the bundle's own few KiB;
    // pretty-printed as a tree it was 32 MB.
    expect(bundle.length).toBeLessThan(2 * body.length + 64 * 1024)
    expect(har.length).toBeLessThan(2 * body.length + 64 * 1024)

    const other = await start(dataDir())
    const summary = await other.engine.importFile({
      text: bundle,
      fileName: 'deep.hookinspector.json'
    })
    expect(summary.historyEntries).toBe(1)
    const [entry] = await other.engine.listHistory({ limit: 10, offset: 0 })
    expect(entry).toMatchObject({ type: 'capture', json: null, jsonError: TOO_DEEP })
    expect(Buffer.from((entry as Capture).bodyBase64, 'base64').toString('utf8')).toBe(body)
  })

  it('a capture with a JSON tree 256 deep, the most kept, exports and imports back with its tree', async () => {
    const { engine, captures } = await start(dataDir())
    expect(await post(engine, '/256', nested(256))).toBe(200)
    expect(captures[0]!.json).not.toBeNull()
    const other = await start(dataDir())
    const bundle = await engine.exportBundle({})
    expect((await other.engine.importFile({ text: bundle })).historyEntries).toBe(1)
    const har = await engine.exportHar({})
    const [entry] = await other.engine.listHistory({ limit: 10, offset: 0 })
    expect(entry).toMatchObject({ type: 'capture', json: captures[0]!.json, jsonError: null })
    const third = await start(dataDir())
    expect((await third.engine.importFile({ text: har })).historyEntries).toBe(1)
  })

  it('a file made elsewhere whose capture carries a JSON tree 6,000 deep is refused whole, saying why', async () => {
    const { engine } = await start(dataDir())
    const body = nested(6000)
    expect(await post(engine, '/deep', body)).toBe(200)
    // JSON.stringify could not even write such a tree; a file made by hand can carry it.
    const exported = await engine.exportBundle({})
    expect(exported).toContain('"json": null')
    const crafted = exported.replace('"json": null', `"json": ${body}`)
    const other = await start(dataDir())
    await expect(other.engine.importFile({ text: crafted })).rejects.toThrow(/nested too deep/)
    expect(await other.engine.listHistory({ limit: 10, offset: 0 })).toEqual([])
  })
})
