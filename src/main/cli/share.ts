import { readFile, stat } from 'node:fs/promises'
import type { Command } from 'commander'
import { describeImport, ExportRequestSchema, MAX_IMPORT_BYTES } from '@shared/sharing'
import { createHeadlessEngine, defaultDataDir, describeFsError, type Engine } from '../engine'
import { ownedBy } from './data-dir-owner'
import { EXIT_OK, RuntimeFailure, UsageError } from './errors'
import { parseChoice } from './options'
import { printError, printLine, writeStdout } from './output'
import { errorMessage } from '@shared/error-message'

const FORMATS = ['har', 'bundle'] as const

interface ExportFlags {
  format: string
  dataDir?: string
  out?: string
  includeSecrets?: boolean
  ids?: string
}

interface ImportFlags {
  dataDir?: string
  allowForwarding?: boolean
}

function dataDirOf(flag: string | undefined): string {
  const dir = flag === undefined ? defaultDataDir() : flag.trim()
  if (dir === '') throw new UsageError('--data-dir must not be empty')
  return dir
}

/**
 * `export` only reads (readOnly: no lock, nothing in the data dir changed, a snapshot of the
 * history), so it works while the app or `serve` owns the data dir; `import` writes, so it takes
 * the lock like any writer.
 */
async function withEngine<T>(
  dataDir: string,
  access: 'read' | 'import',
  run: (engine: Engine) => Promise<T>
): Promise<T> {
  const engine = await createHeadlessEngine({
    dataDir,
    startReceiver: false,
    ...(access === 'read' ? { readOnly: true } : ownedBy('import'))
  })
  try {
    return await run(engine)
  } finally {
    await engine.close()
  }
}

/**
 * Writes the history of a data directory as HAR 1.2, or the whole setup as a support bundle, to a
 * file or to stdout. Credentials are redacted unless --include-secrets.
 */
export async function runExport(flags: ExportFlags): Promise<void> {
  const format = parseChoice('--format', flags.format, FORMATS)
  const ids = flags.ids
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const request = ExportRequestSchema.safeParse({
    includeSecrets: flags.includeSecrets === true,
    ...(ids === undefined ? {} : { ids })
  })
  if (!request.success) throw new UsageError('--ids must be a comma-separated list of ids')
  const dataDir = dataDirOf(flags.dataDir)
  const out = flags.out
  await withEngine(dataDir, 'read', async (engine) => {
    try {
      // Streamed: the export is never one string, whatever the history holds (see export-file.ts).
      if (out === undefined) await writeStdout(engine.exportPieces(format, request.data))
      else await engine.writeExport(format, request.data, out)
    } catch (e) {
      if ((e as Error).name === 'ValidationError') throw new UsageError(errorMessage(e))
      if (out !== undefined) {
        throw new RuntimeFailure(`${out} cannot be written: ${describeFsError(e)}`)
      }
      throw e
    }
  })
  if (out !== undefined) {
    await printError(`Wrote ${format === 'har' ? 'HAR' : 'the support bundle'} to ${out}`)
  }
  process.exitCode = EXIT_OK
}

/**
 * Imports a HAR file or a support bundle into a data directory. The file is checked whole first:
 * a bad one changes nothing and exits 1 with what is wrong.
 */
export async function runImport(file: string, flags: ImportFlags): Promise<void> {
  let size: number
  try {
    size = (await stat(file)).size
  } catch (e) {
    throw new UsageError(`${file} cannot be read: ${errorMessage(e)}`)
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new RuntimeFailure(
      `${file} is too big to import (${size} bytes; at most ${MAX_IMPORT_BYTES}).`
    )
  }
  const text = await readFile(file, 'utf8')
  const dataDir = dataDirOf(flags.dataDir)
  const summary = await withEngine(dataDir, 'import', async (engine) => {
    try {
      return await engine.importFile({
        text,
        fileName: file,
        allowForwarding: flags.allowForwarding === true
      })
    } catch (e) {
      throw new RuntimeFailure(`${file} was not imported: ${errorMessage(e)}`)
    }
  })
  await printLine(`${describeImport(summary)} Data directory: ${dataDir}`)
  for (const m of summary.messages) await printLine(m)
  process.exitCode = EXIT_OK
}

/** `hook-inspector export` and `import`: hand a reproduction on, or take one over. */
export function registerShare(program: Command): void {
  program
    .command('export')
    .description(
      'Export the history as HAR 1.2, or the setup (hooks without passwords, behaviour, scenarios, history) as a support bundle (*.hookinspector.json). Credentials are redacted unless --include-secrets.'
    )
    .requiredOption('--format <format>', `what to write: ${FORMATS.join(' | ')}`)
    .option('--out <file>', 'write to this file (default: standard output)')
    .option('--ids <ids>', 'only these history entries (comma-separated ids)')
    .option('--include-secrets', 'keep Authorization values and passwords in the history')
    .option('--data-dir <dir>', 'the data directory to export from (default: the app’s)')
    .action((flags: ExportFlags) => runExport(flags))
  program
    .command('import')
    .description(
      'Import a HAR file (into the history) or a support bundle (hooks, behaviour, scenarios, history). A bad or hostile file changes nothing (exit 1). A data directory in use by the app or `serve` is refused (exit 2): import from there instead.'
    )
    .argument('<file>', 'a .har file or a *.hookinspector.json bundle')
    .option('--data-dir <dir>', 'the data directory to import into (default: the app’s)')
    .option(
      '--allow-forwarding',
      'switch on the forwarding a bundle asks for, its behaviour’s and its scenario steps’ (otherwise each is imported switched off)'
    )
    .action((file: string, flags: ImportFlags) => runImport(file, flags))
}
