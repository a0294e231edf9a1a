import { mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHeadlessEngine, HISTORY_FILE, type Engine } from '@main/engine'
import type { Capture, HistoryEntry } from '@shared/schemas'
import { formatRequest, type RawResponse } from '../helpers/raw-client'
import { failOnProcessErrors } from './support/process-guard'
import { roundTrip } from './support/raw'

failOnProcessErrors()

function markerOf(entry: HistoryEntry): string | null {
  if (entry.type !== 'capture') return null
  const text = Buffer.from(entry.bodyBase64, 'base64').toString('utf8')
  return (JSON.parse(text) as { marker: string }).marker
}

function post(port: number, marker: string): Promise<RawResponse> {
  const body = JSON.stringify({ marker })
  return roundTrip(port, formatRequest({ method: 'POST', path: '/m', body }), 10_000)
}

/** Markers of the captures in the journal file, as a restart reads them. */
function markersOnDisk(dir: string): string[] {
  return readFileSync(join(dir, HISTORY_FILE), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => markerOf(JSON.parse(line) as HistoryEntry))
    .filter((m): m is string => m !== null)
}

const REFUSED_BODY = 'history write failed: FILE_REPLACED'
const NOTICE =
  'History cannot be written: the history file was removed or replaced while in use (by another program or by hand) (FILE_REPLACED). Until a write succeeds the receiver answers 503 (Retry-After: 1) instead of its behaviour, and captures are kept in memory only, marked not saved.'

describe('the journal notices its file removed or replaced under it', () => {
  const engines: Engine[] = []
  const dirs: string[] = []

  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.close()))
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  async function running(): Promise<{ dir: string; engine: Engine; port: number }> {
    const dir = mkdtempSync(join(tmpdir(), 'hi-rel-replaced-'))
    dirs.push(dir)
    const engine = await createHeadlessEngine({ dataDir: dir, receiverOverrides: { port: 0 } })
    engines.push(engine)
    return { dir, engine, port: engine.receiverStatus().port! }
  }

  it('removed: the next capture is answered 503 with a notice, then the file is rebuilt with everything answered 200', async () => {
    const { dir, engine, port } = await running()
    for (const m of ['a1', 'a2']) expect((await post(port, m)).status).toBe(200)

    unlinkSync(join(dir, HISTORY_FILE))
    const refused = await post(port, 'b')
    expect(refused.status).toBe(503)
    expect(refused.body.toString('utf8')).toBe(REFUSED_BODY)
    const info = await engine.getInfo()
    expect(info.historyPersisted).toBe(false)
    expect(info.notices.filter((n) => n.level === 'error').map((n) => n.message)).toEqual([NOTICE])
    expect(((await engine.listHistory({ limit: 1 }))[0] as Capture).notSaved).toBe(true)

    // The next write puts every kept entry back on disk first, this one with it.
    expect((await post(port, 'c')).status).toBe(200)
    const resumed = await engine.getInfo()
    expect(resumed.historyPersisted).toBe(true)
    expect(resumed.notices.map((n) => [n.level, n.message])).toContainEqual([
      'info',
      'History is written again: history.jsonl was rebuilt with every kept entry, the captures answered 503 meanwhile among them (marked not saved).'
    ])
    expect(resumed.notices.some((n) => n.level === 'error')).toBe(false)
    expect(markersOnDisk(dir)).toEqual(['a1', 'a2', 'b', 'c'])

    await engine.close()
    const reopened = await createHeadlessEngine({ dataDir: dir, startReceiver: false })
    engines.push(reopened)
    const kept = (await reopened.listHistory({})).map(markerOf).reverse()
    expect(kept).toEqual(['a1', 'a2', 'b', 'c'])
  })

  it('replaced by another file: nothing is written into the old one, and the answered captures survive', async () => {
    const { dir, port } = await running()
    expect((await post(port, 'a')).status).toBe(200)

    const other = join(dir, 'other.jsonl')
    writeFileSync(other, '')
    renameSync(other, join(dir, HISTORY_FILE))
    const refused = await post(port, 'b')
    expect(refused.status).toBe(503)
    expect(refused.body.toString('utf8')).toBe(REFUSED_BODY)
    expect((await post(port, 'c')).status).toBe(200)
    expect((await post(port, 'd')).status).toBe(200)
    expect(markersOnDisk(dir)).toEqual(['a', 'b', 'c', 'd'])
  })
})
