import { spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { skipNote } from '../helpers/skip-note'

const ROOT = join(import.meta.dirname, '..', '..')
const START = join(ROOT, 'scripts', 'start.js')
const MISSING =
  "Electron's binary is not installed and could not be downloaded here; run `npm run serve` to use Hook Inspector in a browser."

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `npm start`'s script with the given environment, bounded in time. */
function start(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [START, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`start.js did not finish within 15 s\n${stdout}\n${stderr}`))
    }, 15_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hook-inspector-start-'))
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('npm start', () => {
  it('ends with one clear line and exit code 1 when the binary is missing and not downloadable', async () => {
    const run = await start([], {
      ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-electron-here'),
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1'
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(`${MISSING}\n`)
  })

  // A shell script stands in for the binary; on Linux the package names it plainly `electron`.
  const linux = process.platform === 'linux'
  const LAUNCHES = 'launches the Electron binary on the project, passing its exit code on'
  it.runIf(linux)(
    LAUNCHES +
      skipNote(linux, LAUNCHES, 'the stand-in binary has the Linux name `electron` only on Linux'),
    async () => {
      const record = join(dir, 'launched.txt')
      const executable = join(dir, 'electron')
      writeFileSync(executable, `#!/bin/sh\nprintf '%s|%s' "$PWD" "$*" > '${record}'\nexit 7\n`)
      chmodSync(executable, 0o755)
      const run = await start(['--skip-build'], { ELECTRON_OVERRIDE_DIST_PATH: dir })
      expect(run.code).toBe(7)
      expect(readFileSync(record, 'utf8')).toBe(`${ROOT}|.`)
    }
  )
})
