import { existsSync } from 'node:fs'
import { stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine, HISTORY_FILE } from '@main/engine'
import { RECORD_LIFECYCLE } from '@shared/scenarios/builtins'
import { ensureBuilt, runCli, startCli } from '../helpers/cli'
import { makeCapture, removeDir, tempDir } from '../integration/engine/entries'

const CAPTURES = 49
const PENDING = 'import-pending.json'
let root: string
let bundle: string

/** A data dir with 2 hooks, a scenario and 49 captures of a 1 MiB body, exported as a bundle. */
beforeAll(async () => {
  ensureBuilt()
  root = await tempDir()
  const source = join(root, 'source')
  const body = Buffer.alloc(1024 * 1024, 'b').toString('base64')
  const lines = Array.from({ length: CAPTURES }, (_, i) =>
    JSON.stringify(
      makeCapture(`cap_big_${i}`, {
        bodyBase64: body,
        bodySize: 1024 * 1024,
        json: null,
        remotePort: 40000 + i
      })
    )
  )
  const engine = await createHeadlessEngine({ dataDir: source, startReceiver: false })
  await engine.saveHook({ name: 'Site A', url: 'http://127.0.0.1:9/a' })
  await engine.saveHook({ name: 'Site B', url: 'http://127.0.0.1:9/b' })
  await engine.saveScenario({ ...RECORD_LIFECYCLE, id: undefined, name: 'Mine' })
  await engine.close()
  await writeFile(join(source, HISTORY_FILE), `${lines.join('\n')}\n`, { mode: 0o600 })
  bundle = join(root, 'big.hookinspector.json')
  const out = await runCli(['export', '--format', 'bundle', '--data-dir', source, '--out', bundle])
  expect(out.code).toBe(0)
}, 120_000)

afterAll(async () => {
  if (root) await removeDir(root)
})

async function state(dataDir: string): Promise<[number, number, number]> {
  const engine = await createHeadlessEngine({ dataDir, startReceiver: false })
  try {
    const settings = await engine.getSettings()
    let entries = 0
    for (let more = true; more;) {
      const page = await engine.historyPage({ offset: entries })
      entries += page.entries.length
      more = page.more
    }
    return [settings.hooks.length, settings.scenarios.length, entries]
  } finally {
    await engine.close()
  }
}

describe('imports apply whole', () => {
  it('imports again what it exported: a 68 MB bundle of 49 captures with 1 MiB bodies', async () => {
    expect((await stat(bundle)).size).toBeGreaterThan(64 * 1024 * 1024)
    const target = join(root, 'whole')
    const r = await runCli(['import', bundle, '--data-dir', target], { timeoutMs: 90_000 })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(
      `Imported 2 hooks, 1 scenario, the receiver behaviour, ${CAPTURES} history entries.`
    )
    expect(await state(target)).toEqual([2, 1, CAPTURES])
  }, 120_000)

  it('killed midway, leaves a state the next start completes; running it again adds nothing twice', async () => {
    const target = join(root, 'killed')
    const cli = startCli(['import', bundle, '--data-dir', target])
    // SIGKILL as soon as the import's changes are written aside, while it applies them.
    const deadline = Date.now() + 90_000
    while (cli.running && Date.now() < deadline && !existsSync(join(target, PENDING))) {
      await new Promise((r) => setTimeout(r, 1))
    }
    cli.child.kill('SIGKILL')
    await cli.wait(10_000)
    const killedMidway = existsSync(join(target, PENDING))
    console.log(`import killed ${killedMidway ? 'while applying' : 'after it finished'}`)

    const first = await createHeadlessEngine({ dataDir: target, startReceiver: false })
    const notices = (await first.getInfo()).notices.map((n) => n.message)
    await first.close()
    if (killedMidway) {
      expect(
        notices.some((m) => m.startsWith('An import interrupted before it finished was completed'))
      ).toBe(true)
    }
    expect(await state(target)).toEqual([2, 1, CAPTURES])
    expect(existsSync(join(target, PENDING))).toBe(false)

    const again = await runCli(['import', bundle, '--data-dir', target], { timeoutMs: 90_000 })
    expect(again.code).toBe(0)
    expect(again.stdout).toContain(
      `Imported 0 hooks, 0 scenarios, the receiver behaviour, 0 history entries. ${CAPTURES} already present.`
    )
    expect(await state(target)).toEqual([2, 1, CAPTURES])
  }, 200_000)
})
