#!/usr/bin/env node
/**
 * `npm start`: builds the app (electron-vite build) and launches it in Electron. Where Electron's
 * binary is not installed and cannot be downloaded (no network), it says so in one line and
 * exits 1 instead of hanging on a download. `--skip-build` launches the existing build.
 */
import { spawn, spawnSync } from 'node:child_process'
import { lookup } from 'node:dns/promises'
import { existsSync, readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const electronDir = join(root, 'node_modules', 'electron')
const PROBE_MS = 3000
const DOWNLOAD_MS = 5 * 60_000
const MISSING =
  "Electron's binary is not installed and could not be downloaded here; run `npm run serve` to use Hook Inspector in a browser."

function platformBinary() {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron'
  if (process.platform === 'win32') return 'electron.exe'
  return 'electron'
}

/** The Electron executable, found the way the electron package finds it; null when missing. */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const binary = join(override, relative || platformBinary())
    return existsSync(binary) ? binary : null
  }
  if (!relative) return null
  const binary = join(electronDir, 'dist', relative)
  return existsSync(binary) ? binary : null
}

function withTimeout(promise, ms) {
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Whether the download host answers at all (name lookup and a TCP connect, briefly). */
async function downloadHostReachable() {
  const mirror = process.env.ELECTRON_MIRROR || process.env.npm_config_electron_mirror
  let host = 'github.com'
  try {
    if (mirror) host = new URL(mirror).hostname
  } catch {
    return false
  }
  try {
    const { address } = await withTimeout(lookup(host), PROBE_MS)
    await withTimeout(
      new Promise((resolve, reject) => {
        const socket = connect({ host: address, port: 443 })
        socket.once('connect', () => {
          socket.destroy()
          resolve()
        })
        socket.once('error', reject)
        setTimeout(() => socket.destroy(), PROBE_MS).unref()
      }),
      PROBE_MS
    )
    return true
  } catch {
    return false
  }
}

/** Electron's own installer, bounded in time, quietly (its failure is reported by us). */
function download() {
  console.log("Downloading Electron's binary (once)…")
  spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: 'ignore',
    timeout: DOWNLOAD_MS
  })
}

async function ensureElectron() {
  const found = electronBinary()
  if (found) return found
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || !existsSync(join(electronDir, 'install.js'))) {
    return null
  }
  if (!(await downloadHostReachable())) return null
  download()
  return electronBinary()
}

function build() {
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' })
  return result.status === 0
}

async function main() {
  const binary = await ensureElectron()
  if (!binary) {
    console.error(MISSING)
    process.exit(1)
  }
  if (!process.argv.includes('--skip-build') && !build()) {
    console.error('The build failed (see above); nothing was launched.')
    process.exit(1)
  }
  const env = { ...process.env }
  delete env.ELECTRON_RUN_AS_NODE
  const child = spawn(binary, ['.'], { cwd: root, stdio: 'inherit', env })
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal))
  }
  child.on('error', (error) => {
    console.error(`Electron could not be started: ${error.message}`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

void main()
