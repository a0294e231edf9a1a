import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { request } from 'undici'
import { cliPath } from './build-check'
import { trackChild } from './cleanup'

const READY = /Hook Inspector: (http:\/\/\S+)/

export interface ServeProcess {
  /** The UI address serve printed, token included. */
  url: string
  pid: number
  /** From spawn to the printed address. */
  readyMs: number
  stop(): Promise<void>
}

/** Ends a child: SIGTERM, then SIGKILL if it is still there after 5 s. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/**
 * Starts `node out/main/cli.js serve` on free ports with the given data dir and resolves when it
 * prints its address; rejects (and kills it) if it exits or stays silent for `timeoutMs`.
 */
export function startServe(
  root: string,
  dataDir: string,
  timeoutMs: number
): Promise<ServeProcess> {
  const t0 = performance.now()
  const child = spawn(
    process.execPath,
    [cliPath(root), 'serve', '--port', '0', '--receiver-port', '0', '--data-dir', dataDir],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  trackChild(child)
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`serve printed no address within ${timeoutMs} ms; stderr: ${err.trim()}`))
    }, timeoutMs)
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const m = READY.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({
          url: m[1]!,
          pid: child.pid!,
          readyMs: performance.now() - t0,
          stop: () => stopChild(child)
        })
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code} before it was ready; stderr: ${err.trim()}`))
    })
  })
}

/** GETs the UI page once; throws unless it is a 200 HTML page. */
export async function getUiPage(url: string): Promise<void> {
  const res = await request(url, { headersTimeout: 10_000, bodyTimeout: 10_000 })
  const text = await res.body.text()
  if (res.statusCode !== 200 || !text.includes('<html')) {
    throw new Error(`GET ${new URL(url).pathname} answered ${res.statusCode}`)
  }
}

export interface Rss {
  /** Resident set size now, bytes. */
  rss: number
  /** The highest RSS the process has had, bytes. */
  peak: number
}

/** A process's memory from /proc (Linux): what the operating system really gives it. */
export function rssOf(pid: number): Rss {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string): number => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
    if (!m) throw new Error(`/proc/${pid}/status has no ${field}`)
    return Number(m[1]) * 1024
  }
  return { rss: kb('VmRSS'), peak: kb('VmHWM') }
}
