#!/usr/bin/env node
/**
 * The `hook-inspector` launcher. In a checkout it keeps the built command fresh: when
 * out/main/cli.js is missing or older than any source under src/main or src/shared, it runs the
 * build first (its output is shown only if it fails), so `npm run cli -- …` always runs the
 * current code and prints nothing but the command's own output.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'out', 'main', 'cli.js')
const sourceDirs = [join(root, 'src', 'main'), join(root, 'src', 'shared')]
const lockDir = join(root, 'node_modules', '.cache', 'hook-inspector-build.lock')
const LOCK_STALE_MS = 5 * 60_000
const LOCK_WAIT_MS = 3 * 60_000

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path))
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

function isStale() {
  if (!existsSync(cli)) return true
  const built = statSync(cli).mtimeMs
  return sourceDirs.some((dir) => existsSync(dir) && newestMtime(dir) > built)
}

function fail(message) {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/** One build at a time: a second launcher waits for the first instead of racing it on out/. */
function withBuildLock(work) {
  mkdirSync(dirname(lockDir), { recursive: true })
  const deadline = Date.now() + LOCK_WAIT_MS
  for (;;) {
    try {
      mkdirSync(lockDir)
      break
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > LOCK_STALE_MS)
          rmSync(lockDir, { recursive: true, force: true })
      } catch {
        // Removed by its owner in the meantime.
      }
      if (Date.now() > deadline)
        fail('hook-inspector: another build is still running; try again later')
      sleep(250)
    }
  }
  try {
    work()
  } finally {
    rmSync(lockDir, { recursive: true, force: true })
  }
}

function build() {
  const bin = join(
    root,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite'
  )
  if (!existsSync(bin)) {
    if (existsSync(cli)) return
    fail(
      'hook-inspector: the command is not built and electron-vite is not installed; run `npm install`'
    )
  }
  const result = spawnSync(bin, ['build'], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32',
    maxBuffer: 64 * 1024 * 1024
  })
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '')
    process.stderr.write(result.stderr ?? '')
    if (result.error) process.stderr.write(`${result.error.message}\n`)
    fail('hook-inspector: the build failed (output above)')
  }
}

if (isStale()) {
  withBuildLock(() => {
    // Another launcher may have built while this one waited for the lock.
    if (isStale()) build()
  })
}

await import(pathToFileURL(cli).href)
