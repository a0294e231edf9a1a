import { afterEach, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { makeCapture, removeDir, tempDir } from '../engine/entries'

const dirs: string[] = []
const engines: Engine[] = []

afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
  await Promise.all(dirs.splice(0).map(removeDir))
})

async function open(dir: string): Promise<Engine> {
  const engine = await createHeadlessEngine({ dataDir: dir, startReceiver: false })
  engines.push(engine)
  return engine
}

/** A HAR entry as this app writes one for a lone capture. */
function harEntry(capture: ReturnType<typeof makeCapture>): unknown {
  return {
    startedDateTime: capture.receivedAt,
    time: 0,
    request: {
      method: 'POST',
      url: `http://127.0.0.1:4700${capture.path}`,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      queryString: [],
      headersSize: -1,
      bodySize: 0
    },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'application/json' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    _hookInspector: { capture }
  }
}

describe('ids in an imported HAR', () => {
  it('keeps two different entries that share an id, each with its own id, after a reload too', async () => {
    const dir = await tempDir()
    dirs.push(dir)
    const a = makeCapture('cap_same', { path: '/first' })
    const b = makeCapture('cap_same', { path: '/second' })
    const har = JSON.stringify({
      log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [a, b].map(harEntry) }
    })
    const engine = await open(dir)
    const summary = await engine.importFile({ text: har })
    expect(summary.historyEntries).toBe(2)
    const paths = async (e: Engine): Promise<string[]> =>
      (await e.listHistory({})).map((x) => (x.type === 'capture' ? x.path : '')).sort()
    expect(await paths(engine)).toEqual(['/first', '/second'])
    const ids = (await engine.listHistory({})).map((x) => x.id)
    expect(new Set(ids).size).toBe(2)
    expect(ids).toContain('cap_same')
    await engine.close()

    expect(await paths(await open(dir))).toEqual(['/first', '/second'])
  })
})
