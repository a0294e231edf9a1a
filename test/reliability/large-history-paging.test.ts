import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHeadlessEngine, HISTORY_FILE, type Engine } from '@main/engine'
import { MAX_HISTORY_PAGE_CHARS } from '@shared/history-page'
import { makeCapture, removeDir, tempDir } from '../integration/engine/entries'

const dirs: string[] = []
const engines: Engine[] = []

afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
  await Promise.all(dirs.splice(0).map(removeDir))
})

/** A data dir whose journal holds `count` captures of a 1 MiB body each (as 300 large POSTs leave it). */
async function largeHistory(count: number): Promise<string> {
  const dir = await tempDir()
  dirs.push(dir)
  const body = Buffer.alloc(1024 * 1024, 'a').toString('base64')
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    const id = `cap_large_${String(i).padStart(4, '0')}`
    lines.push(
      JSON.stringify(
        makeCapture(id, { bodyBase64: body, bodySize: 1024 * 1024, json: null, event: null })
      )
    )
  }
  await writeFile(join(dir, HISTORY_FILE), `${lines.join('\n')}\n`, { mode: 0o600 })
  return dir
}

async function open(dir: string): Promise<Engine> {
  const engine = await createHeadlessEngine({ dataDir: dir, startReceiver: false })
  engines.push(engine)
  return engine
}

describe('a history of large entries is paged by size', () => {
  it('answers listHistory({limit: 2500}) with a page of a few MiB, and historyPage pages on to every entry', async () => {
    const engine = await open(await largeHistory(40))
    const first = await engine.listHistory({ limit: 2500 })
    expect(first.length).toBeGreaterThan(0)
    expect(first.length).toBeLessThan(40)
    expect(JSON.stringify(first).length).toBeLessThanOrEqual(MAX_HISTORY_PAGE_CHARS + 1024)
    expect(first[0]!.id).toBe('cap_large_0039')

    const seen: string[] = []
    let more = true
    for (let round = 0; more && round < 100; round++) {
      const page = await engine.historyPage({ limit: 2500, offset: seen.length })
      expect(JSON.stringify(page.entries).length).toBeLessThanOrEqual(MAX_HISTORY_PAGE_CHARS + 1024)
      seen.push(...page.entries.map((e) => e.id))
      more = page.more
    }
    expect(seen).toEqual(
      Array.from({ length: 40 }, (_, i) => `cap_large_${String(39 - i).padStart(4, '0')}`)
    )
  })

  it('says there is no more on the last page and sends an entry larger than a page alone', async () => {
    const engine = await open(await largeHistory(3))
    const page = await engine.historyPage({ limit: 2, offset: 1 })
    expect(page.entries.map((e) => e.id)).toEqual(['cap_large_0001', 'cap_large_0000'])
    expect(page.more).toBe(false)
    const small = await engine.historyPage({ limit: 1, offset: 0 })
    expect(small).toEqual({
      entries: [expect.objectContaining({ id: 'cap_large_0002' })],
      more: true
    })
  })
})
