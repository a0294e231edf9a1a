import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')

/** Modules a file loads at run time: `import type` (erased by the bundler) does not count. */
function runtimeImports(text: string): string[] {
  const specifiers: string[] = []
  const statement = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm
  for (const match of text.matchAll(statement)) {
    if (!match[1]) specifiers.push(match[2]!)
  }
  return specifiers
}

/** The path aliases of tsconfig.base.json, which the bundler resolves like relative paths. */
const ALIASES: Record<string, string> = {
  '@shared/': join(ROOT, 'src', 'shared'),
  '@renderer/': join(ROOT, 'src', 'renderer', 'src')
}

function aliasOf(specifier: string): string | undefined {
  return Object.keys(ALIASES).find((prefix) => specifier.startsWith(prefix))
}

function resolveTs(from: string, specifier: string): string {
  const alias = aliasOf(specifier)
  const base = alias
    ? join(ALIASES[alias]!, specifier.slice(alias.length))
    : join(dirname(from), specifier)
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate)) return candidate
  }
  throw new Error(`cannot resolve ${specifier} from ${from}`)
}

/** Every project file and package the preload bundle would contain or require. */
function preloadGraph(): { files: string[]; packages: string[] } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string): void => {
    if (files.has(file)) return
    files.add(file)
    for (const specifier of runtimeImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.') || aliasOf(specifier)) visit(resolveTs(file, specifier))
      else packages.add(specifier)
    }
  }
  visit(join(ROOT, 'src', 'preload', 'index.ts'))
  return {
    files: [...files].map((f) => relative(ROOT, f).split(sep).join('/')).sort(),
    packages: [...packages].sort()
  }
}

describe('the sandboxed preload bundle', () => {
  it('tells run-time imports from type-only ones', () => {
    const text = [
      "import { contextBridge } from 'electron'",
      "import type { Settings } from './schemas'",
      "import { z } from 'zod'",
      "export { x } from './x'",
      "import './side-effect'"
    ].join('\n')
    expect(runtimeImports(text)).toEqual(['electron', 'zod', './x', './side-effect'])
  })

  it('requires nothing but electron, and pulls in only the zod-free ipc-names and error-message modules', () => {
    const graph = preloadGraph()
    expect(graph.packages).toEqual(['electron'])
    expect(graph.files).toEqual([
      'src/preload/index.ts',
      'src/shared/error-message.ts',
      'src/shared/ipc-names.ts'
    ])
  })
})
