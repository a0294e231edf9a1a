import type * as NodeFs from 'node:fs'
import { readFileSync, writeSync } from 'node:fs'
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { COMPACT_FACTOR, openJournal } from '@main/engine/journal'
import { STORED_BODY_CAP, type Capture, type Exchange } from '@shared/schemas'
import { makeCapture, makeExchange, removeDir, tempDir, unwritableDir } from './entries'

// The journal's appends go through fs.writeSync: counted here, still writing.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>()
  return { ...fs, writeSync: vi.fn(fs.writeSync) }
})

let dir: string
let file: string

beforeEach(async () => {
  dir = await tempDir()
  file = join(dir, 'history.jsonl')
})

afterEach(async () => {
  vi.restoreAllMocks()
  await removeDir(dir)
})

function ids(entries: readonly { id: string }[]): string[] {
  return entries.map((e) => e.id)
}

function fileLines(): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
}

describe('journal', () => {
  it('round-trips entries across a reopen, oldest first', async () => {
    const a = await openJournal({ file, cap: 100 })
    expect(a.persisted).toBe(true)
    await a.append(makeCapture('c1'))
    await a.append(makeExchange('e1', { captureId: 'c1' }))
    await a.append(makeCapture('c2', { exchangeId: 'e2' }))
    await a.close()

    const b = await openJournal({ file, cap: 100 })
    expect(b.loadReport).toEqual({ loaded: 3, skipped: 0, error: null })
    expect(ids(b.entries())).toEqual(['c1', 'e1', 'c2'])
    expect(b.get('e1')).toEqual(makeExchange('e1', { captureId: 'c1' }))
    expect((b.get('c2') as Capture).exchangeId).toBe('e2')
    await b.close()
  })

  it('lets a later line for the same id replace the earlier one, keeping its place', async () => {
    const a = await openJournal({ file, cap: 100 })
    await a.append(makeExchange('e1'))
    await a.append(makeCapture('c1'))
    await a.replace(makeExchange('e1', { captureId: 'c1' }))
    expect((a.get('e1') as Exchange).captureId).toBe('c1')
    await a.close()
    expect(fileLines()).toHaveLength(3)

    const b = await openJournal({ file, cap: 100 })
    expect(ids(b.entries())).toEqual(['e1', 'c1'])
    expect((b.get('e1') as Exchange).captureId).toBe('c1')
    await b.close()
  })

  it('skips a torn last line after a hard kill and keeps everything before it', async () => {
    const a = await openJournal({ file, cap: 100 })
    for (let i = 0; i < 5; i++) await a.append(makeCapture(`c${i}`))
    await a.close()
    const torn = JSON.stringify(makeCapture('c5')).slice(0, 40)
    await appendFile(file, torn)

    const b = await openJournal({ file, cap: 100 })
    expect(b.loadReport).toEqual({ loaded: 5, skipped: 1, error: null })
    expect(ids(b.entries())).toEqual(['c0', 'c1', 'c2', 'c3', 'c4'])
    // The next line starts on a line of its own, so it survives the following reopen.
    await b.append(makeCapture('c6'))
    await b.close()

    const c = await openJournal({ file, cap: 100 })
    expect(c.loadReport.skipped).toBe(0)
    expect(ids(c.entries())).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c6'])
    await c.close()
  })

  it('skips corrupt and schema-invalid lines in the middle', async () => {
    const lines = [
      JSON.stringify(makeCapture('c1')),
      '{not json',
      JSON.stringify({ type: 'capture', id: 'x' }),
      JSON.stringify(makeCapture('c2'))
    ]
    await writeFile(file, `${lines.join('\n')}\n`)
    const j = await openJournal({ file, cap: 100 })
    expect(j.loadReport).toEqual({ loaded: 2, skipped: 2, error: null })
    expect(ids(j.entries())).toEqual(['c1', 'c2'])
    await j.close()
  })

  it('group-commits concurrent appends, each resolving only once its line is in the file', async () => {
    const j = await openJournal({ file, cap: 1000 })
    const writes = vi.mocked(writeSync)
    writes.mockClear()

    const seen: boolean[] = []
    const texts: (string | undefined)[] = []
    const entries = Array.from({ length: 200 }, (_, i) => makeCapture(`c${i}`))
    const appends = entries.map((entry, i) => {
      // Let appends arrive while a write is in flight, not all in one tick.
      const start = i % 50 === 0 ? new Promise((r) => setImmediate(r)) : Promise.resolve()
      return start
        .then(() => j.append(entry))
        .then((text) => {
          texts[i] = text
          seen[i] = readFileSync(file, 'utf8').includes(`"id":"${entry.id}"`)
        })
    })
    await Promise.all(appends)

    expect(seen.filter(Boolean)).toHaveLength(200)
    // Each append resolves with its own entry's text, as written.
    expect(texts).toEqual(entries.map((entry) => JSON.stringify(entry)))
    expect([...fileLines()].sort()).toEqual([...(texts as string[])].sort())
    expect(writes.mock.calls.length).toBeGreaterThan(0)
    expect(writes.mock.calls.length).toBeLessThan(20)
    expect(fileLines()).toHaveLength(200)
    await j.close()
  })

  it('drops the oldest beyond the cap, in memory and on disk, across a reopen', async () => {
    const j = await openJournal({ file, cap: 10, compactSlackBytes: 0 })
    for (let i = 0; i < 14; i++) await j.append(makeCapture(`c${i}`))
    expect(ids(j.entries())).toEqual(Array.from({ length: 10 }, (_, i) => `c${i + 4}`))
    // 14 lines is not yet over COMPACT_FACTOR × cap: the file still holds them all.
    expect(COMPACT_FACTOR * 10).toBeGreaterThanOrEqual(14)
    expect(fileLines()).toHaveLength(14)
    const last = COMPACT_FACTOR * 10
    for (let i = 14; i <= last; i++) await j.append(makeCapture(`c${i}`))
    await j.close()
    // Over COMPACT_FACTOR × cap lines: compacted to the 10 kept entries.
    expect(fileLines()).toHaveLength(10)

    const again = await openJournal({ file, cap: 10 })
    expect(ids(again.entries())).toEqual(Array.from({ length: 10 }, (_, i) => `c${last - 9 + i}`))
    await again.close()

    const smaller = await openJournal({ file, cap: 4 })
    expect(ids(smaller.entries())).toEqual(Array.from({ length: 4 }, (_, i) => `c${last - 3 + i}`))
    expect(smaller.loadReport.loaded).toBe(4)
    await smaller.close()
    // Over the cap on open: compacted right away.
    expect(fileLines()).toHaveLength(4)
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('pages newest first, and drops the oldest in order through thousands of updates', async () => {
    const j = await openJournal({ file: null, cap: 3000 })
    for (let i = 0; i < 10_000; i++) {
      await j.append(makeExchange(`e${i}`))
      // Every other entry is updated once: an update keeps the entry's place in time.
      if (i % 2 === 1) await j.replace(makeExchange(`e${i - 1}`, { captureId: `c${i}` }))
    }
    expect(j.size).toBe(3000)
    expect(ids(j.page(0, 3))).toEqual(['e9999', 'e9998', 'e9997'])
    expect(ids(j.page(2999, 10))).toEqual(['e7000'])
    expect(j.page(3000, 10)).toEqual([])
    expect((j.get('e7000') as Exchange).captureId).toBe('c7001')
    expect(j.has('e6999')).toBe(false)
    expect(ids(j.entries())).toEqual(Array.from({ length: 3000 }, (_, i) => `e${7000 + i}`))
    // A copy is handed out: changing it changes nothing kept.
    ;(j.get('e7000') as Exchange).captureId = 'changed'
    expect((j.get('e7000') as Exchange).captureId).toBe('c7001')
    await j.close()
  })

  it('writes appends made in the same tick as a clear or a close in the order they happened', async () => {
    const a = await openJournal({ file, cap: 100 })
    const before = a.append(makeCapture('c1'))
    const cleared = a.clear()
    const after = a.append(makeCapture('c2'))
    const closed = a.close()
    await Promise.all([before, cleared, after, closed])
    expect(fileLines().map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['c2'])
    const b = await openJournal({ file, cap: 100 })
    expect(ids(b.entries())).toEqual(['c2'])
    await b.close()
  })

  it('lets the file outgrow a small history by the slack before rewriting it under load', async () => {
    const line = JSON.stringify(makeCapture('c00')).length + 1
    // Room for 10 more lines than twice the 10 kept ones.
    const j = await openJournal({ file, cap: 10, compactSlackBytes: 10 * line })
    for (let i = 0; i < 30; i++) await j.append(makeCapture(`c${String(i).padStart(2, '0')}`))
    // Twice the cap in lines, but not yet twice the kept size plus the slack: nothing rewritten.
    expect(fileLines()).toHaveLength(30)
    // One line more passes it: rewritten with the 10 kept entries (close waits for the rewrite).
    await j.append(makeCapture('c30'))
    await j.close()
    expect(fileLines().map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `c${21 + i}`)
    )
  })

  it('applies a lower cap at once with setCap', async () => {
    const j = await openJournal({ file, cap: 100 })
    for (let i = 0; i < 20; i++) await j.append(makeCapture(`c${i}`))
    await j.setCap(5)
    expect(ids(j.entries())).toEqual(['c15', 'c16', 'c17', 'c18', 'c19'])
    expect(fileLines()).toHaveLength(5)
    await j.append(makeCapture('c20'))
    expect(ids(j.entries())).toEqual(['c16', 'c17', 'c18', 'c19', 'c20'])
    await j.close()
  })

  it('clears the file and memory', async () => {
    const j = await openJournal({ file, cap: 100 })
    await j.append(makeCapture('c1'))
    await j.append(makeCapture('c2'))
    await j.clear()
    expect(j.entries()).toEqual([])
    expect(await readFile(file, 'utf8')).toBe('')
    await j.append(makeCapture('c3'))
    await j.close()
    const again = await openJournal({ file, cap: 100 })
    expect(ids(again.entries())).toEqual(['c3'])
    await again.close()
  })

  it('keeps working in memory when the folder cannot be written', async () => {
    const bad = await unwritableDir(dir)
    const j = await openJournal({ file: join(bad, 'history.jsonl'), cap: 3 })
    expect(j.persisted).toBe(false)
    expect(j.loadReport.error).toMatch(/history\.jsonl/)
    for (let i = 0; i < 5; i++) await j.append(makeCapture(`c${i}`))
    expect(ids(j.entries())).toEqual(['c2', 'c3', 'c4'])
    await j.clear()
    expect(j.entries()).toEqual([])
    await j.close()
  })

  it('keeps history in memory only when given no file', async () => {
    const j = await openJournal({ file: null, cap: 10 })
    expect(j.persisted).toBe(false)
    expect(j.loadReport.error).toBeNull()
    await j.append(makeCapture('c1'))
    expect(ids(j.entries())).toEqual(['c1'])
    await j.close()
  })

  it('never stores more than the body cap, keeping the true size', async () => {
    const big = Buffer.alloc(STORED_BODY_CAP + 1000, 0x61)
    const j = await openJournal({ file, cap: 10 })
    // The stored text describes a cut-down copy, so it is not handed out as the entry's text.
    const text = await j.append(
      makeCapture('c1', {
        bodyBase64: big.toString('base64'),
        bodySize: big.byteLength,
        truncated: false
      })
    )
    expect(text).toBeUndefined()
    await j.append(
      makeExchange('e1', {
        request: {
          method: 'POST',
          url: 'http://x/',
          headers: [],
          body: 'é'.repeat(STORED_BODY_CAP),
          bodySize: 2 * STORED_BODY_CAP
        }
      })
    )
    await j.close()
    const again = await openJournal({ file, cap: 10 })
    const c = again.get('c1') as Capture
    expect(Buffer.from(c.bodyBase64, 'base64').byteLength).toBe(STORED_BODY_CAP)
    expect(c.bodySize).toBe(STORED_BODY_CAP + 1000)
    expect(c.truncated).toBe(true)
    const e = again.get('e1') as Exchange
    expect(Buffer.byteLength(e.request.body)).toBe(STORED_BODY_CAP)
    expect(e.request.body.endsWith('é')).toBe(true)
    expect(e.request.bodySize).toBe(2 * STORED_BODY_CAP)
    await again.close()
  })

  it('loads 50,000 small entries', async () => {
    const lines: string[] = []
    for (let i = 0; i < 50_000; i++) lines.push(JSON.stringify(makeCapture(`c${i}`)))
    await writeFile(file, `${lines.join('\n')}\n`)
    const j = await openJournal({ file, cap: 50_000 })
    expect(j.loadReport).toEqual({ loaded: 50_000, skipped: 0, error: null })
    expect(j.entries()[49_999]!.id).toBe('c49999')
    await j.close()
  })
})
