import { existsSync, readdirSync } from 'node:fs'
import { stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  PENDING_IMPORT_FILE,
  readPendingImport,
  writePendingImport
} from '@main/engine/sharing/pending-import'
import { makeCapture, removeDir, tempDir } from '../../integration/engine/entries'

const dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir))
})

async function dir(): Promise<string> {
  const d = await tempDir()
  dirs.push(d)
  return d
}

describe('an import written aside', () => {
  it.skipIf(process.platform === 'win32')(
    'is an owner-only file that reads back as written',
    async () => {
      const d = await dir()
      const pending = { setup: null, entries: [makeCapture('cap_1'), makeCapture('cap_2')] }
      await writePendingImport(d, pending)
      expect((await stat(join(d, PENDING_IMPORT_FILE))).mode & 0o777).toBe(0o600)
      expect(await readPendingImport(d)).toEqual({ pending, problem: null })
    }
  )

  it('is nothing when there is none, and moved aside with a notice when it cannot be read', async () => {
    const d = await dir()
    expect(await readPendingImport(d)).toEqual({ pending: null, problem: null })
    await writeFile(join(d, PENDING_IMPORT_FILE), '{"setup":null,"entries":[{"torn', {
      mode: 0o600
    })
    const { pending, problem } = await readPendingImport(d)
    expect(pending).toBeNull()
    const aside = readdirSync(d).find((f) => f.startsWith(`${PENDING_IMPORT_FILE}.bad-`))
    expect(problem).toBe(
      `An unfinished import could not be read back, so it was not applied; it was moved to ${join(d, aside!)}.`
    )
    expect(existsSync(join(d, PENDING_IMPORT_FILE))).toBe(false)
  })
})
