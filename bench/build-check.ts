import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** The built CLI the process benchmarks run, as `node out/main/cli.js …`. */
export function cliPath(root: string): string {
  return join(root, 'out', 'main', 'cli.js')
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path))
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

/**
 * Makes sure out/ holds a current build before timing it: the project's own launcher
 * (bin/hook-inspector.js) rebuilds when out/main/cli.js is older than src/main or src/shared.
 * It does not look at src/renderer, so a stale UI build is returned as a warning.
 */
export function ensureBuilt(root: string): string[] {
  const result = spawnSync(
    process.execPath,
    [join(root, 'bin', 'hook-inspector.js'), '--version'],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 300_000
    }
  )
  if (result.status !== 0 || !existsSync(cliPath(root))) {
    const why = (result.stderr || result.error?.message || '')
      .trim()
      .split('\n')
      .slice(-3)
      .join(' ')
    throw new Error(`the app could not be built for the process benchmarks: ${why}`)
  }
  const ui = join(root, 'out', 'renderer', 'index.html')
  if (!existsSync(ui)) throw new Error('out/renderer is missing: run `npm run build` first')
  const warnings: string[] = []
  const sources = join(root, 'src', 'renderer')
  if (existsSync(sources) && newestMtime(sources) > statSync(ui).mtimeMs) {
    warnings.push('out/renderer is older than src/renderer: the UI figures are of the last build')
  }
  return warnings
}
