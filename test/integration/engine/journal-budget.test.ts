import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openJournal } from '@main/engine/journal'
import type { Capture } from '@shared/schemas'
import { makeCapture, removeDir, tempDir } from './entries'

let dir: string
let file: string

beforeEach(async () => {
  dir = await tempDir()
  file = join(dir, 'history.jsonl')
})

afterEach(async () => {
  await removeDir(dir)
})

const KIB = 1024

/** A capture whose line is about `kib` KiB: its body is that many KiB of base64. */
function bigCapture(id: string, kib: number): Capture {
  const body = Buffer.alloc(Math.floor((kib * KIB * 3) / 4), 0x61)
  return makeCapture(id, { bodyBase64: body.toString('base64'), bodySize: body.length })
}

function fileIds(): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { id: string }).id)
}

function lineBytesOf(entries: readonly Capture[]): number {
  return entries.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e)) + 1, 0)
}

describe('journal: the byte budget', () => {
  it('keeps the file within its budget and the kept entries within half of it, oldest dropped first', async () => {
    const maxBytes = 1024 * KIB
    const j = await openJournal({ file, cap: 5000, maxBytes })
    let largestFile = 0
    for (let i = 0; i < 60; i++) {
      await j.append(bigCapture(`c${i}`, 50))
      largestFile = Math.max(largestFile, statSync(file).size)
    }
    const kept = j.entries() as Capture[]
    // 50 KiB lines in a 512 KiB half: the newest 10 stay, the 50 before them went first.
    expect(kept.map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => `c${50 + i}`))
    expect(lineBytesOf(kept)).toBeLessThanOrEqual(maxBytes / 2)
    expect(largestFile).toBeLessThanOrEqual(maxBytes)
    await j.close()
    // What the file holds after a restart is exactly what was kept.
    const again = await openJournal({ file, cap: 5000, maxBytes })
    expect(again.entries().map((e) => e.id)).toEqual(kept.map((e) => e.id))
    await again.close()
  })

  it('applies a smaller budget at once, and rewrites a file over it', async () => {
    const j = await openJournal({ file, cap: 5000, maxBytes: 4096 * KIB })
    for (let i = 0; i < 20; i++) await j.append(bigCapture(`c${i}`, 50))
    expect(j.size).toBe(20)
    await j.setMaxBytes(420 * KIB)
    expect(j.entries().map((e) => e.id)).toEqual(['c16', 'c17', 'c18', 'c19'])
    expect(fileIds()).toEqual(['c16', 'c17', 'c18', 'c19'])
    await j.close()
  })

  it('opens a file larger than its budget keeping the newest entries and rewrites it', async () => {
    const a = await openJournal({ file, cap: 5000, maxBytes: 4096 * KIB })
    for (let i = 0; i < 30; i++) await a.append(bigCapture(`c${i}`, 50))
    await a.close()
    expect(statSync(file).size).toBeGreaterThan(1420 * KIB)
    const b = await openJournal({ file, cap: 5000, maxBytes: 420 * KIB })
    expect(b.entries().map((e) => e.id)).toEqual(['c26', 'c27', 'c28', 'c29'])
    expect(b.loadReport).toEqual({ loaded: 4, skipped: 0, error: null })
    await b.close()
    expect(fileIds()).toEqual(['c26', 'c27', 'c28', 'c29'])
  })

  it('always keeps the newest entry, even one larger than the budget allows', async () => {
    const j = await openJournal({ file, cap: 5000, maxBytes: 64 * KIB })
    await j.append(bigCapture('small', 1))
    await j.append(bigCapture('huge', 100))
    expect(j.entries().map((e) => e.id)).toEqual(['huge'])
    await j.close()
    expect(fileIds()).toEqual(['huge'])
  })

  it('never stores a decoded copy of a body', async () => {
    const j = await openJournal({ file, cap: 5000 })
    const decoded = {
      encoding: 'gzip',
      bodyBase64: 'eHh4',
      bodySize: 3,
      truncated: false,
      error: null
    }
    await j.append(makeCapture('c1', { decoded }))
    expect(j.get('c1')).toEqual(makeCapture('c1'))
    await j.close()
    expect(readFileSync(file, 'utf8')).not.toContain('"decoded"')
  })

  it('drops the decoded copy an older journal holds when it reads it', async () => {
    const decoded = {
      encoding: 'gzip',
      bodyBase64: 'eHh4',
      bodySize: 3,
      truncated: false,
      error: null
    }
    writeFileSync(file, `${JSON.stringify(makeCapture('old', { decoded }))}\n`)
    const j = await openJournal({ file, cap: 5000 })
    expect(j.get('old')).toEqual(makeCapture('old'))
    expect(j.entries()).toEqual([makeCapture('old')])
    await j.close()
  })
})
