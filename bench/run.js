#!/usr/bin/env node
/**
 * `npm run bench`: bundles bench/index.ts and the load worker with esbuild, the way the app's own
 * build compiles the engine (plain ES output, no dev-time loader in the hot path), into
 * node_modules/.cache/hook-inspector-bench, then runs the bundle. Arguments pass through
 * (`--only`, `--quick`).
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = join(root, 'node_modules', '.cache', 'hook-inspector-bench')

let esbuild
try {
  esbuild = await import('esbuild')
} catch {
  process.stderr.write('bench: esbuild is not installed; run `npm install` first\n')
  process.exit(2)
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
try {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: {
      index: 'bench/index.ts',
      'load-worker': 'bench/load-worker.ts',
      'capacity-worker': 'bench/capacity-worker.ts'
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies are loaded from node_modules as the app loads them, not bundled.
    packages: 'external',
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'error'
  })
} catch {
  // esbuild has already printed what failed to compile.
  process.exit(1)
}

const child = spawn(process.execPath, [join(outdir, 'index.mjs'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, HOOK_INSPECTOR_ROOT: root }
})
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal))
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
