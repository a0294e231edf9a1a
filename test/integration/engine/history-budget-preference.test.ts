import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { DEFAULT_HISTORY_MAX_BYTES } from '@shared/schemas'
import { ValidationError } from '@shared/validation'
import { removeDir, tempDir } from './entries'

const MIB = 1024 * 1024
let dir: string
let engine: Engine | null = null

beforeEach(async () => {
  dir = await tempDir()
})

afterEach(async () => {
  await engine?.close()
  engine = null
  await removeDir(dir)
})

function start(): Promise<Engine> {
  return createHeadlessEngine({ dataDir: dir, portConflict: 'fail', startReceiver: false })
}

describe('the historyMaxBytes preference', () => {
  it('defaults to 256 MiB and keeps a value set until it is changed', async () => {
    engine = await start()
    expect((await engine.getSettings()).preferences.historyMaxBytes).toBe(DEFAULT_HISTORY_MAX_BYTES)
    expect(DEFAULT_HISTORY_MAX_BYTES).toBe(256 * MIB)
    await engine.setPreferences({ historyMaxBytes: 32 * MIB })
    // A patch that leaves it out leaves it as it is.
    const prefs = await engine.setPreferences({ theme: 'dark' })
    expect(prefs).toMatchObject({ theme: 'dark', historyMaxBytes: 32 * MIB })
    await engine.close()
    engine = await start()
    expect((await engine.getSettings()).preferences.historyMaxBytes).toBe(32 * MIB)
  })

  it('refuses a budget out of bounds, naming the field', async () => {
    engine = await start()
    for (const value of [MIB, 5 * 1024 * MIB, 16 * MIB + 0.5]) {
      const error = await engine.setPreferences({ historyMaxBytes: value }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).field).toBe('historyMaxBytes')
    }
    expect((await engine.getSettings()).preferences.historyMaxBytes).toBe(DEFAULT_HISTORY_MAX_BYTES)
  })

  it('reads settings saved without it (earlier versions) with the default, and no notice', async () => {
    engine = await start()
    await engine.setPreferences({ theme: 'light' })
    await engine.close()
    const file = join(dir, 'settings.json')
    const saved = JSON.parse(await readFile(file, 'utf8')) as {
      preferences: Record<string, unknown>
    }
    delete saved.preferences.historyMaxBytes
    await writeFile(file, JSON.stringify(saved))
    engine = await start()
    const settings = await engine.getSettings()
    expect(settings.preferences).toMatchObject({
      theme: 'light',
      historyMaxBytes: DEFAULT_HISTORY_MAX_BYTES
    })
    expect((await engine.getInfo()).notices).toEqual([])
  })
})
