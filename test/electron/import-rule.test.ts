import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const SRC = join(ROOT, 'src')

/** `electron` (or a subpath of it) as a module specifier; `electron-store` and friends are not. */
const ELECTRON_IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]electron(?:\/[^'"]*)?['"]/m

/** Whether a source text imports Electron in any form. */
function importsElectron(text: string): boolean {
  return ELECTRON_IMPORT.test(text)
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(?:[cm]?[jt]sx?)$/.test(entry.name) ? [path] : []
  })
}

/** Relative to the repo, with forward slashes on every platform. */
function repoPath(path: string): string {
  return relative(ROOT, path).split(sep).join('/')
}

function mayImportElectron(path: string): boolean {
  return (
    path === 'src/main/index.ts' ||
    path.startsWith('src/main/electron/') ||
    path.startsWith('src/preload/')
  )
}

const files = sourceFiles(SRC).map((file) => ({
  path: repoPath(file),
  electron: importsElectron(readFileSync(file, 'utf8'))
}))

describe('where Electron may be imported', () => {
  it('recognises every form of importing electron, and nothing else', () => {
    for (const text of [
      "import { app } from 'electron'",
      'import electron from "electron"',
      "import type { BrowserWindow } from 'electron'",
      "import 'electron'",
      "export { app } from 'electron'",
      "const { app } = require('electron')",
      "const e = await import('electron')",
      "import { ipcRenderer } from 'electron/renderer'"
    ]) {
      expect(importsElectron(text), text).toBe(true)
    }
    for (const text of [
      "import Store from 'electron-store'",
      "import { defineConfig } from 'electron-vite'",
      '// runs without electron',
      "const name = 'electron'"
    ]) {
      expect(importsElectron(text), text).toBe(false)
    }
  })

  it('finds the source tree, including the files that do import electron', () => {
    expect(files.length).toBeGreaterThan(20)
    expect(files.find((f) => f.path === 'src/main/index.ts')?.electron).toBe(true)
    expect(files.find((f) => f.path === 'src/preload/index.ts')?.electron).toBe(true)
  })

  it('only src/main/index.ts, src/main/electron/ and src/preload/ import electron', () => {
    const offenders = files.filter((f) => f.electron && !mayImportElectron(f.path))
    expect(offenders.map((f) => f.path)).toEqual([])
  })

  it('the engine never imports electron', () => {
    const engine = files.filter((f) => f.path.startsWith('src/main/engine/'))
    expect(engine.length).toBeGreaterThan(0)
    expect(engine.filter((f) => f.electron).map((f) => f.path)).toEqual([])
  })
})
