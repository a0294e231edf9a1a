import { createReadStream } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { join } from 'node:path'
import {
  createHeadlessEngine,
  FileSettingsPort,
  HISTORY_FILE,
  type Engine
} from '../src/main/engine'
import { defaultSettings } from '../src/shared/defaults'

export interface BenchEngine {
  engine: Engine
  dataDir: string
  /** The receiver's base URL, e.g. http://127.0.0.1:4321/ */
  receiverUrl: string
  journalFile: string
}

/**
 * A headless engine as `serve` builds it, in a fresh data directory under `tmp`, its receiver on
 * a free loopback port. `historyCap` is saved in the settings first, so a benchmark can keep more
 * than the default 5,000 entries (and count every one of them in the journal afterwards).
 */
export async function startBenchEngine(tmp: string, historyCap?: number): Promise<BenchEngine> {
  const dataDir = await mkdtemp(join(tmp, 'engine-'))
  if (historyCap !== undefined) {
    const settings = defaultSettings()
    settings.preferences.historyCap = historyCap
    await new FileSettingsPort(dataDir).save(settings)
  }
  const engine = await createHeadlessEngine({
    dataDir,
    portConflict: 'fail',
    receiverOverrides: { host: '127.0.0.1', port: 0 }
  })
  const url = engine.receiverStatus().url
  if (url === null) {
    await engine.close()
    throw new Error(`the engine's receiver did not start: ${engine.receiverStatus().error}`)
  }
  return { engine, dataDir, receiverUrl: url, journalFile: join(dataDir, HISTORY_FILE) }
}

/** Lines in a file (its newline bytes), streamed so a large journal is never held whole. */
export function countLines(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let lines = 0
    createReadStream(file)
      .on('data', (chunk: string | Buffer) => {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
        for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) lines++
      })
      .on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') resolve(0)
        else reject(error)
      })
      .on('end', () => resolve(lines))
  })
}
