import { readFile, stat } from 'node:fs/promises'
import { dialog, type BrowserWindow } from 'electron'
import type { HookInspectorApi } from '@shared/api'
import type { Engine } from '../engine'
import { BUNDLE_EXTENSION, bundleFileName } from '@shared/bundle'
import { describeImport, MAX_IMPORT_BYTES, type ImportSummary } from '@shared/sharing'
import { errorMessage } from '@shared/error-message'

export type TransferEngine = Pick<HookInspectorApi, 'importFile'> & Pick<Engine, 'writeExport'>

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')
}

async function askSecrets(window: BrowserWindow | null, what: string): Promise<boolean | null> {
  const box = {
    type: 'question' as const,
    title: `Export ${what}`,
    message: `Export ${what}`,
    detail:
      'Authorization values and passwords are left out unless you include them. Include secrets only for someone you trust.',
    buttons: ['Export without secrets', 'Include secrets', 'Cancel'],
    defaultId: 0,
    cancelId: 2
  }
  const { response } = await (window
    ? dialog.showMessageBox(window, box)
    : dialog.showMessageBox(box))
  return response === 2 ? null : response === 1
}

async function save(
  window: BrowserWindow | null,
  defaultPath: string,
  filters: { name: string; extensions: string[] }[],
  write: (file: string) => Promise<void>
): Promise<string | null> {
  const options = { defaultPath, filters }
  const choice = await (window
    ? dialog.showSaveDialog(window, options)
    : dialog.showSaveDialog(options))
  if (choice.canceled || !choice.filePath) return null
  // Streamed and owner-only (0600): the export is never one string in the main process.
  await write(choice.filePath)
  return choice.filePath
}

/** File → Export History as HAR…: asks about secrets, then where to save. */
export async function exportHarToFile(
  engine: TransferEngine,
  window: BrowserWindow | null
): Promise<string | null> {
  const includeSecrets = await askSecrets(window, 'the history as HAR')
  if (includeSecrets === null) return null
  return save(
    window,
    `hook-inspector-${stamp()}.har`,
    [{ name: 'HAR', extensions: ['har'] }],
    (file) => engine.writeExport('har', { includeSecrets }, file)
  )
}

/** File → Export Support Bundle…: hooks without passwords, behaviour, scenarios and history. */
export async function exportBundleToFile(
  engine: TransferEngine,
  window: BrowserWindow | null
): Promise<string | null> {
  const includeSecrets = await askSecrets(window, 'a support bundle')
  if (includeSecrets === null) return null
  return save(
    window,
    bundleFileName(new Date()),
    [{ name: 'Hook Inspector bundle', extensions: [BUNDLE_EXTENSION.slice(1)] }],
    (file) => engine.writeExport('bundle', { includeSecrets }, file)
  )
}

/**
 * File → Import…: a HAR file or a support bundle. The size is checked before the file is read;
 * the engine validates it whole before anything changes, and the user sees what came in.
 */
export async function importFromFile(
  engine: TransferEngine,
  window: BrowserWindow | null
): Promise<ImportSummary | null> {
  const options = {
    properties: ['openFile' as const],
    filters: [
      { name: 'HAR or support bundle', extensions: ['har', 'json'] },
      { name: 'All files', extensions: ['*'] }
    ]
  }
  const choice = await (window
    ? dialog.showOpenDialog(window, options)
    : dialog.showOpenDialog(options))
  const file = choice.filePaths[0]
  if (choice.canceled || !file) return null
  const { size } = await stat(file)
  if (size > MAX_IMPORT_BYTES) {
    throw new Error(
      `${file} is too big to import (${size} bytes; at most ${MAX_IMPORT_BYTES} bytes).`
    )
  }
  const text = await readFile(file, 'utf8')
  let summary: ImportSummary
  try {
    summary = await engine.importFile({ text, fileName: file })
  } catch (error) {
    throw new Error(`${file} was not imported: ${errorMessage(error)}`)
  }
  const box = {
    type: 'info' as const,
    title: 'Imported',
    message: describeImport(summary),
    detail: summary.messages.join('\n'),
    buttons: ['OK']
  }
  await (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box))
  return summary
}
