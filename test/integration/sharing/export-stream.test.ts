import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHeadlessEngine, HISTORY_FILE, type Engine } from '@main/engine'
import { entriesToHar } from '@shared/har'
import type { CapacityRun, HistoryEntry } from '@shared/schemas'
import { APP_VERSION } from '@shared/version'
import { RECORD_LIFECYCLE } from '@shared/scenarios/builtins'
import { makeCapture, makeExchange, removeDir, tempDir } from '../engine/entries'

const dirs: string[] = []
const engines: Engine[] = []

afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
  await Promise.all(dirs.splice(0).map(removeDir))
})

const at = (s: number): string => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString()
const basic = ['Authorization', 'Basic bW9uaXRvckBleGFtcGxlLm9yZzpzM2NyZXQ='] as [string, string]

/** Every shape of timeline row: linked both ways, a capture before its exchange, lone ones, a capacity run. */
function mixedHistory(): HistoryEntry[] {
  const run: CapacityRun = {
    type: 'capacity',
    id: 'cpc_1',
    startedAt: at(6),
    finishedAt: at(7),
    url: 'http://127.0.0.1:9/hook',
    event: 'insert',
    timeoutMs: 2000,
    levels: [1],
    steps: [],
    capacity: 0,
    summary: 'No level finished, so there is no figure yet.',
    stopped: 'stopped',
    exchanges: [makeExchange('exc_cap_1', { startedAt: at(6), captureId: 'cap_5' })],
    requestsSent: 1
  }
  return [
    makeExchange('exc_1', { startedAt: at(1), captureId: 'cap_1' }),
    makeCapture('cap_1', { receivedAt: at(1), exchangeId: 'exc_1', headers: [basic] }),
    makeCapture('cap_2', { receivedAt: at(2), exchangeId: 'exc_2' }),
    makeExchange('exc_2', { startedAt: at(2) }),
    makeCapture('cap_3', { receivedAt: at(3), headers: [basic] }),
    makeExchange('exc_4', { startedAt: at(4) }),
    run,
    makeCapture('cap_5', { receivedAt: at(6), exchangeId: 'exc_cap_1' })
  ]
}

async function engineWith(entries: HistoryEntry[]): Promise<{ engine: Engine; dir: string }> {
  const dir = await tempDir()
  dirs.push(dir)
  const lines = entries.map((e) => JSON.stringify(e)).join('\n')
  await writeFile(join(dir, HISTORY_FILE), `${lines}\n`, { mode: 0o600 })
  const engine = await createHeadlessEngine({ dataDir: dir, startReceiver: false })
  engines.push(engine)
  return { engine, dir }
}

function wholeHar(entries: HistoryEntry[], includeSecrets: boolean): string {
  const har = entriesToHar(entries, { includeSecrets, appVersion: APP_VERSION })
  return `${JSON.stringify(har, null, 2)}\n`
}

describe('streamed exports', () => {
  it('write the same HAR, byte for byte, as building the whole document would, with and without secrets', async () => {
    const entries = mixedHistory()
    const { engine, dir } = await engineWith(entries)
    for (const includeSecrets of [false, true]) {
      const file = join(dir, `out-${includeSecrets}.har`)
      await engine.writeExport('har', { includeSecrets }, file)
      expect(await readFile(file, 'utf8')).toBe(wholeHar(entries, includeSecrets))
      expect(await engine.exportHar({ includeSecrets })).toBe(wholeHar(entries, includeSecrets))
    }
  })

  it('write chosen entries sorted by time, and an empty history as an empty list', async () => {
    const entries = mixedHistory()
    const { engine } = await engineWith(entries)
    const text = await engine.exportHar({ ids: ['cap_3', 'exc_1', 'cap_1'] })
    expect(text).toBe(wholeHar([entries[0]!, entries[1]!, entries[4]!], false))
    const empty = await engineWith([])
    expect(await empty.engine.exportHar({})).toBe(wholeHar([], false))
    await expect(engine.exportHar({ ids: ['exc_nope'] })).rejects.toThrow(
      'No history entry has the id "exc_nope".'
    )
  })

  it('write a capacity run’s exchanges marked as its own, so the HAR imports back as that one run', async () => {
    const kept = [0, 1, 2].map((i) =>
      makeExchange(`exc_run_${i}`, { startedAt: at(10), origin: 'capacity' })
    )
    const base = mixedHistory().find((e) => e.type === 'capacity')!
    const run: CapacityRun = { ...base, id: 'cpc_3', exchanges: kept, requestsSent: 332 }
    const none: CapacityRun = { ...base, id: 'cpc_0', startedAt: at(11), exchanges: [] }
    const entries: HistoryEntry[] = [makeExchange('exc_1', { startedAt: at(1) }), run, none]
    const { engine } = await engineWith(entries)
    const text = await engine.exportHar({})
    expect(text).toBe(wholeHar(entries, false))
    const target = await engineWith([])
    const summary = await target.engine.importFile({ text, fileName: 'app.har' })
    expect(summary.historyEntries).toBe(3)
    const back = await target.engine.listHistory({})
    const runs = back.filter((e) => e.type === 'capacity')
    expect(runs.map((r) => [r.id, r.exchanges.map((ex) => ex.id)]).sort()).toEqual([
      ['cpc_0', []],
      ['cpc_3', ['exc_run_0', 'exc_run_1', 'exc_run_2']]
    ])
    expect(back.filter((e) => e.type === 'exchange').map((e) => e.id)).toEqual(['exc_1'])
    // A run says which file it came from, as every imported entry does.
    expect(runs.map((r) => r.importedFrom?.file)).toEqual(['app.har', 'app.har'])
  })

  it('write a bundle that reads back as the same document, history streamed in', async () => {
    const entries = mixedHistory()
    const { engine, dir } = await engineWith(entries)
    const file = join(dir, 'out.hookinspector.json')
    await engine.writeExport('bundle', { includeSecrets: true }, file)
    const bundle = JSON.parse(await readFile(file, 'utf8')) as { history: HistoryEntry[] }
    expect(bundle.history).toEqual(entries)
    expect(await readFile(file, 'utf8')).toBe(`${JSON.stringify(bundle, null, 2)}\n`)
  })

  it('puts the history where it belongs even when a saved text reads like the slot marker', async () => {
    const entries = mixedHistory()
    const { engine } = await engineWith(entries)
    await engine.saveScenario({
      ...RECORD_LIFECYCLE,
      id: undefined,
      name: 'Tricky',
      description: '\u0000stream-slot\u0000'
    })
    const bundle = JSON.parse(await engine.exportBundle({ includeSecrets: true })) as {
      scenarios: { description: string }[]
      history: HistoryEntry[]
    }
    expect(bundle.scenarios[0]!.description).toBe('\u0000stream-slot\u0000')
    expect(bundle.history).toEqual(entries)
  })

  it.skipIf(process.platform === 'win32')(
    'are owner-only files (0600), with and without secrets, even replacing a 0644 file',
    async () => {
      const { engine, dir } = await engineWith(mixedHistory())
      const file = join(dir, 'shared.har')
      await writeFile(file, 'old', { mode: 0o644 })
      await engine.writeExport('har', { includeSecrets: true }, file)
      expect((await stat(file)).mode & 0o777).toBe(0o600)
      const bundle = join(dir, 'b.hookinspector.json')
      await engine.writeExport('bundle', { includeSecrets: false }, bundle)
      expect((await stat(bundle)).mode & 0o777).toBe(0o600)
    }
  )
})
