import { readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { openJournal } from '../src/main/engine'
import { median } from './stats'

/**
 * How long the journal takes to load `entries` entries, as the engine does on start (median of
 * `times`), and the baseline of reading the file and JSON.parse of each line: the difference is
 * what validating and indexing the entries costs.
 */
export async function timeReload(
  file: string,
  entries: number,
  times: number
): Promise<{ journalMs: number; rawMs: number }> {
  const journal: number[] = []
  const raw: number[] = []
  for (let i = 0; i < times; i++) {
    let t0 = performance.now()
    const store = await openJournal({ file, cap: entries })
    journal.push(performance.now() - t0)
    const loaded = store.entries().length
    await store.close()
    if (loaded !== entries) throw new Error(`the journal reloaded ${loaded} of ${entries} entries`)
    t0 = performance.now()
    const text = await readFile(file, 'utf8')
    let parsed = 0
    for (const line of text.split('\n')) {
      if (line !== '') {
        JSON.parse(line)
        parsed++
      }
    }
    raw.push(performance.now() - t0)
    if (parsed !== entries) throw new Error(`the journal file has ${parsed} lines, not ${entries}`)
  }
  return { journalMs: median(journal), rawMs: median(raw) }
}
