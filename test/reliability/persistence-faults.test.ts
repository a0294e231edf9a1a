import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { COMPACT_FACTOR } from '@main/engine/journal'
import { createHeadlessEngine, openJournal, type Engine } from '@main/engine'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import { SettingsSchema, type Capture, type HistoryEntry } from '@shared/schemas'
import { formatRequest } from '../helpers/raw-client'
import { failOnProcessErrors } from './support/process-guard'
import { roundTrip } from './support/raw'

failOnProcessErrors()

let root: string
const engines: Engine[] = []

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hi-rel-persist-'))
})
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
})
afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

function freshDir(name: string): string {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  return dir
}

async function engineAt(dataDir: string, startReceiver = true): Promise<Engine> {
  const engine = await createHeadlessEngine({
    dataDir,
    startReceiver,
    receiverOverrides: { port: 0 }
  })
  engines.push(engine)
  return engine
}

/** Posts a body with a marker to the engine's receiver; resolves with the answer's status. */
async function post(engine: Engine, marker: string): Promise<number> {
  const port = engine.receiverStatus().port!
  const body = JSON.stringify({ marker })
  const response = await roundTrip(port, formatRequest({ method: 'POST', path: '/m', body }))
  return response.status
}

function markerOf(entry: HistoryEntry): string | null {
  if (entry.type !== 'capture') return null
  try {
    return (
      JSON.parse(Buffer.from(entry.bodyBase64, 'base64').toString('utf8')) as { marker: string }
    ).marker
  } catch {
    return null
  }
}

describe('a damaged settings file', () => {
  const damaged: [string, string | Buffer][] = [
    ['invalid JSON', '{"version": 1, "hooks": ['],
    ['valid JSON of the wrong shape', JSON.stringify({ version: 1, hooks: 'none', behavior: 7 })],
    ['binary junk', Buffer.from([0x00, 0xff, 0xfe, 0x13, 0x37, 0x00])],
    ['an empty file', '']
  ]

  it.each(damaged)(
    '%s: defaults are used, the file is kept aside, and a notice says so',
    async (_, content) => {
      const dir = freshDir(`settings-${damaged.findIndex(([, c]) => c === content)}`)
      writeFileSync(join(dir, 'settings.json'), content)
      const engine = await engineAt(dir)

      const settings = await engine.getSettings()
      expect(settings.hooks).toEqual([])
      expect(settings.behavior).toEqual(HEALTHY_BEHAVIOR)

      const aside = readdirSync(dir).filter((name) => name.startsWith('settings.json.bad-'))
      expect(aside).toHaveLength(1)
      expect(readFileSync(join(dir, aside[0]!)).equals(Buffer.from(content))).toBe(true)

      const { notices } = await engine.getInfo()
      expect(notices).toHaveLength(1)
      expect(notices[0]).toMatchObject({ level: 'warning' })
      expect(notices[0]!.message).toContain(join(dir, 'settings.json'))
      expect(notices[0]!.message).toContain(aside[0]!)
      expect(notices[0]!.message).toMatch(/defaults/)

      // The app keeps working and writes a good file again.
      expect(await post(engine, 'after-bad-settings')).toBe(200)
      await engine.saveHook({ name: 'Recovered', url: 'http://127.0.0.1:9/hook' })
      const saved = SettingsSchema.parse(
        JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))
      )
      expect(saved.hooks.map((h) => h.name)).toEqual(['Recovered'])
    }
  )
})

describe('a data dir that cannot be written', () => {
  it('a path under a regular file (ENOTDIR): runs in memory and says so', async () => {
    const blocker = join(root, 'a-file')
    writeFileSync(blocker, 'not a folder')
    const engine = await engineAt(join(blocker, 'data'))

    const info = await engine.getInfo()
    expect(info.historyPersisted).toBe(false)
    expect(info.receiver.running).toBe(true)
    expect(info.notices.map((n) => n.message).join('\n')).toMatch(
      /memory only: .*Nothing recorded in this run will survive a restart/
    )

    // The announced in-memory mode answers as the behaviour says: nothing was promised to disk.
    expect(await post(engine, 'in-memory')).toBe(200)
    const url = engine.receiverStatus().url!
    const exchange = await engine.fire({ event: 'insert', hook: { name: 'Self', url } })
    expect(exchange.error).toBeNull()
    const history = await engine.listHistory({})
    expect(history.map((e) => e.type).sort()).toEqual(['capture', 'capture', 'exchange'])
    expect(history.some((e) => markerOf(e) === 'in-memory')).toBe(true)

    const hook = await engine.saveHook({ name: 'Kept', url, password: 'pw' })
    expect((await engine.getSettings()).hooks).toEqual([hook])
    const messages = (await engine.getInfo()).notices.map((n) => n.message).join('\n')
    expect(messages).toMatch(/Settings could not be saved to .*a part of the path is a file/)
  })

  it('a journal path that is a device (/dev/full): refused at once, history in memory', async () => {
    const dir = freshDir('device')
    symlinkSync('/dev/full', join(dir, 'history.jsonl'))
    const started = Date.now()
    const engine = await engineAt(dir)
    expect(Date.now() - started).toBeLessThan(5000)
    const info = await engine.getInfo()
    expect(info.historyPersisted).toBe(false)
    expect(info.notices.map((n) => n.message).join('\n')).toMatch(
      /History is kept in memory only: .*not a regular file/
    )
    expect(await post(engine, 'device')).toBe(200)
    expect((await engine.listHistory({})).map(markerOf)).toEqual(['device'])
  })
})

describe('a damaged journal', () => {
  function entry(marker: string, n: number): Capture {
    const body = Buffer.from(JSON.stringify({ marker }))
    return {
      type: 'capture',
      id: `cap_${n}`,
      receivedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, n)).toISOString(),
      method: 'POST',
      path: '/m',
      query: {},
      httpVersion: '1.1',
      headers: [],
      bodyBase64: body.toString('base64'),
      bodySize: body.length,
      truncated: false,
      json: { marker },
      jsonError: null,
      auth: null,
      event: null,
      response: { status: 200, delayMs: 0, fault: 'none' },
      remoteAddress: '127.0.0.1',
      remotePort: 1,
      exchangeId: null
    }
  }
  const line = (marker: string, n: number): string => `${JSON.stringify(entry(marker, n))}\n`
  const NUL_RUN = Buffer.alloc(40 * 1024 * 1024)

  it('a long run of NUL bytes at the end (as a crash can leave): skipped, cut off, bounded', async () => {
    const file = join(freshDir('nul-tail'), 'history.jsonl')
    writeFileSync(file, line('a', 1) + line('b', 2))
    appendFileSync(file, NUL_RUN)
    const rssBefore = process.memoryUsage().rss
    const journal = await openJournal({ file, cap: 100 })
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024)
    expect(journal.loadReport).toEqual({ loaded: 2, skipped: 1, error: null })
    expect(journal.entries().map((e) => markerOf(e))).toEqual(['a', 'b'])
    await journal.append(entry('c', 3))
    await journal.close()
    expect(readFileSync(file, 'utf8')).toBe(line('a', 1) + line('b', 2) + line('c', 3))
  })

  it('an over-long damaged line in the middle: skipped, the lines around it kept', async () => {
    const file = join(freshDir('nul-middle'), 'history.jsonl')
    writeFileSync(file, line('a', 1))
    appendFileSync(file, NUL_RUN)
    appendFileSync(file, `\n${line('b', 2)}`)
    const journal = await openJournal({ file, cap: 100 })
    expect(journal.loadReport).toEqual({ loaded: 2, skipped: 1, error: null })
    expect(journal.entries().map((e) => markerOf(e))).toEqual(['a', 'b'])
    await journal.close()
  })
})

describe('the history cap', () => {
  it('keeps the newest entries, drops the oldest, and counts stay right across a restart', async () => {
    const dir = freshDir('cap')
    const CAP = 100
    const SENT = 260
    let engine = await engineAt(dir)
    await engine.setPreferences({ historyCap: CAP })
    for (let i = 0; i < SENT; i++) expect(await post(engine, `m${i}`)).toBe(200)

    const expected = Array.from({ length: CAP }, (_, i) => `m${SENT - 1 - i}`)
    const history = await engine.listHistory({})
    expect(history).toHaveLength(CAP)
    expect(history.map(markerOf)).toEqual(expected)
    expect((await engine.listHistory({ limit: 10 })).map(markerOf)).toEqual(expected.slice(0, 10))

    await engine.close()
    engine = await engineAt(dir, false)
    const reloaded = await engine.listHistory({})
    expect(reloaded.map(markerOf)).toEqual(expected)
    const lines = readFileSync(join(dir, 'history.jsonl'), 'utf8').trim().split('\n')
    // A file holding more lines than the cap is rewritten with the kept ones on open.
    expect(lines.length).toBeGreaterThanOrEqual(CAP)
    expect(lines.length).toBeLessThanOrEqual(Math.ceil(CAP * COMPACT_FACTOR))
    expect((await engine.getInfo()).notices).toEqual([])
  })
})
