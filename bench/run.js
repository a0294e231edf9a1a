#!/usr/bin/env node
/**
 * `npm run bench`: runs bench/index.ts under tsx, so the benchmarks import the TypeScript engine
 * from src/main/engine as it is, without a build. Arguments pass through (`--only`, `--quick`).
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const tsx = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx')
if (!existsSync(tsx)) {
  process.stderr.write('bench: tsx is not installed; run `npm install` first\n')
  process.exit(2)
}

const child = spawn(tsx, [join(root, 'bench', 'index.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32'
})
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal))
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
