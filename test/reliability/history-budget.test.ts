/**
 * Anonymous traffic cannot fill the history past its byte budget: large JSON bodies, gzipped to a
 * kilobyte or sent as text/plain (as any web page can), leave the journal and the entries kept in
 * memory within the budget, store no decoded copy, and the history still loads.
 */
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { Agent, request } from 'undici'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHeadlessEngine, HISTORY_FILE, type Engine } from '@main/engine'
import type { Capture } from '@shared/schemas'
import { removeDir, tempDir } from '../integration/engine/entries'

const MIB = 1024 * 1024
/** The smallest budget the preference takes. */
const BUDGET = 16 * MIB

let dir: string
let engine: Engine | null = null
const agent = new Agent({ connections: 8, keepAliveTimeout: 1000 })

beforeEach(async () => {
  dir = await tempDir()
})

afterEach(async () => {
  await engine?.close()
  engine = null
  await removeDir(dir)
})

/** A JSON document of exactly 1 MiB that is not a TrialKit event. */
const ONE_MIB_JSON = (() => {
  const head = '{"note":"'
  const tail = '"}'
  return Buffer.from(head + 'a'.repeat(MIB - head.length - tail.length) + tail)
})()

async function sendAll(
  url: string,
  count: number,
  body: Buffer,
  headers: Record<string, string>
): Promise<number[]> {
  const statuses: number[] = []
  const one = async (): Promise<void> => {
    const res = await request(url, {
      dispatcher: agent,
      method: 'POST',
      headers,
      body,
      headersTimeout: 30_000,
      bodyTimeout: 30_000
    })
    await res.body.dump()
    statuses.push(res.statusCode)
  }
  // Four at a time, as a page or a script would send them.
  for (let i = 0; i < count; i += 4) {
    await Promise.all(Array.from({ length: Math.min(4, count - i) }, one))
  }
  return statuses
}

function lineBytes(entries: readonly unknown[]): number {
  return entries.reduce<number>((n, e) => n + Buffer.byteLength(JSON.stringify(e)) + 1, 0)
}

describe('history byte budget under anonymous large bodies', () => {
  it('keeps the journal and the kept entries within the budget, with no decoded copies', async () => {
    engine = await createHeadlessEngine({
      dataDir: dir,
      portConflict: 'fail',
      receiverOverrides: { host: '127.0.0.1', port: 0 }
    })
    await engine.setPreferences({ historyMaxBytes: BUDGET })
    const url = `${engine.receiverStatus().url!}hook`
    const journal = join(dir, HISTORY_FILE)
    const rssBefore = process.memoryUsage().rss

    const gz = gzipSync(ONE_MIB_JSON, { level: 9 })
    // About the size of the bodies: a kilobyte that decodes to 1 MiB.
    expect(gz.length).toBeLessThan(2048)
    const gzStatuses = await sendAll(url, 300, gz, {
      'Content-Type': 'application/json',
      'Content-Encoding': 'gzip'
    })
    const afterGzip = statSync(journal).size
    const plainStatuses = await sendAll(url, 40, ONE_MIB_JSON, { 'Content-Type': 'text/plain' })
    const afterPlain = statSync(journal).size

    expect(gzStatuses.filter((s) => s !== 200)).toEqual([])
    expect(plainStatuses.filter((s) => s !== 200)).toEqual([])
    // 300 gzipped bodies cost their raw kilobyte each, not a decoded megabyte and its parse.
    expect(afterGzip).toBeLessThan(300 * 4096)
    expect(afterPlain).toBeLessThanOrEqual(BUDGET)

    const history = await engine.listHistory({ limit: 2500 })
    const captures = history as Capture[]
    expect(lineBytes(history)).toBeLessThanOrEqual(BUDGET / 2)
    // The newest first, the oldest gone: the 40 plain bodies cannot all fit in 8 MiB.
    expect(captures[0]!.headers).toContainEqual(['Content-Type', 'text/plain'])
    expect(captures.length).toBeLessThan(340)
    // No decoded copy and no parsed copy of a large body is stored beside its bytes.
    expect(captures.filter((c) => c.decoded !== undefined || (c.json ?? null) !== null)).toEqual([])
    expect(captures.filter((c) => c.jsonError !== null)).toEqual([])

    // Memory: the kept entries are a few MiB; without a budget they would be about 800 MB.
    const growth = process.memoryUsage().rss - rssBefore
    expect(growth).toBeLessThan(300 * MIB)

    // After a restart the history loads the same, and the file is still within the budget.
    await engine.close()
    engine = await createHeadlessEngine({
      dataDir: dir,
      portConflict: 'fail',
      receiverOverrides: { host: '127.0.0.1', port: 0 }
    })
    expect((await engine.listHistory({ limit: 2500 })).map((e) => e.id)).toEqual(
      history.map((e) => e.id)
    )
    expect(statSync(journal).size).toBeLessThanOrEqual(BUDGET)
  }, 120_000)
})
