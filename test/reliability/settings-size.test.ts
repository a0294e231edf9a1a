import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHeadlessEngine, SETTINGS_FILE, type Engine } from '@main/engine'
import { MAX_SCENARIOS_CHARS } from '@shared/scenario-bounds'
import { RECORD_LIFECYCLE } from '@shared/scenarios/builtins'
import type { ScenarioDraft } from '@shared/schemas'
import { removeDir, tempDir } from '../integration/engine/entries'

const dirs: string[] = []
const engines: Engine[] = []

afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
  await Promise.all(dirs.splice(0).map(removeDir))
})

async function fresh(): Promise<{ engine: Engine; dir: string }> {
  const dir = await tempDir()
  dirs.push(dir)
  const engine = await createHeadlessEngine({ dataDir: dir, startReceiver: false })
  engines.push(engine)
  return { engine, dir }
}

/** A scenario whose first step sends a raw body of `bytes` bytes. */
function withRawBody(name: string, bytes: number): ScenarioDraft {
  const [first, ...rest] = RECORD_LIFECYCLE.steps
  return {
    ...RECORD_LIFECYCLE,
    id: undefined,
    name,
    steps: [{ ...first!, rawBody: 'r'.repeat(bytes) }, ...rest]
  }
}

const REFUSAL =
  /^Saved scenarios may take at most 1\.0 MiB together \(they are kept in the settings\); this would make them \d+\.\d MiB\. Shorten the raw bodies of the steps\.$/

describe('settings.json stays small', () => {
  it('refuses a scenario whose raw body would make the saved scenarios pass 1 MiB, and keeps the file small', async () => {
    const { engine, dir } = await fresh()
    await expect(engine.saveScenario(withRawBody('Huge', 5 * 1024 * 1024))).rejects.toThrow(REFUSAL)
    await engine.saveScenario(withRawBody('Half', 600 * 1024))
    await expect(engine.saveScenario(withRawBody('Another', 600 * 1024))).rejects.toThrow(REFUSAL)
    expect((await engine.getSettings()).scenarios.map((s) => s.name)).toEqual(['Half'])
    await engine.setPreferences({ theme: 'dark' })
    expect((await stat(join(dir, SETTINGS_FILE))).size).toBeLessThan(
      MAX_SCENARIOS_CHARS + 64 * 1024
    )
  })

  it('refuses a bundle of scenarios with 5 MiB raw bodies whole, leaving the settings as they were', async () => {
    const source = await fresh()
    const target = await fresh()
    const bundle = JSON.parse(await source.engine.exportBundle({})) as {
      scenarios: unknown[]
    }
    bundle.scenarios = [0, 1, 2].map((i) => ({
      ...withRawBody(`Big ${i}`, 5 * 1024 * 1024),
      id: `scn_big_${i}`
    }))
    await target.engine.setPreferences({ theme: 'light' })
    const before = await target.engine.getSettings()
    await expect(target.engine.importFile({ text: JSON.stringify(bundle) })).rejects.toThrow(
      /^The bundle is refused: Saved scenarios may take at most 1\.0 MiB together/
    )
    expect(await target.engine.getSettings()).toEqual(before)
    expect((await stat(join(target.dir, SETTINGS_FILE))).size).toBeLessThan(64 * 1024)
  })
})
