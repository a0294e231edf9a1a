import { spawn, type ChildProcess } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'
import { lineSplitter } from './output-lines'

/**
 * Threat: a tunnel program (ssh -R, cloudflared) that outlives the app keeps the public end open;
 * a later private receiver on the same port would then be reachable from the internet. Node has
 * no PR_SET_PDEATHSIG, and a `kill -9` of the app runs none of its clean-up, so the program is
 * started under this watchdog instead: a tiny Node process that holds a pipe from the app (its
 * stdin, the "lifeline"). The app is the only holder of the pipe's other end, so the pipe closes
 * when the app ends in any way, SIGKILL included; the watchdog then kills the program's whole
 * process group and exits. It does the same on SIGINT, SIGTERM and SIGHUP (a Ctrl+C reaches it
 * as well as the app). The program's stdout and stderr are the watchdog's, read by the app; the
 * watchdog reports on fd 3, one JSON line each: the program's pid, why it could not start, or
 * how it ended. (The text never calls "require" directly: the bundler would take that for
 * CommonJS in this module and add shims to it.)
 */
export const WATCHDOG_SOURCE = `'use strict'
const load = require
const { spawn } = load('node:child_process')
const { writeSync } = load('node:fs')
const [command, ...args] = process.argv.slice(1)
const report = (message) => {
  try { writeSync(3, JSON.stringify(message) + '\\n') } catch {}
}
const env = { ...process.env }
delete env.ELECTRON_RUN_AS_NODE
const posix = process.platform !== 'win32'
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env, detached: posix })
const killAll = (signal) => {
  try {
    if (posix) process.kill(-child.pid, signal)
    else child.kill(signal)
  } catch {}
}
let ending = false
const end = () => {
  if (ending) return
  ending = true
  if (child.pid === undefined) process.exit(0)
  killAll('SIGTERM')
  setTimeout(() => { killAll('SIGKILL'); process.exit(0) }, 1000)
}
child.once('spawn', () => report({ type: 'spawned', pid: child.pid }))
child.once('error', (error) => {
  report({ type: 'error', code: error.code ?? null, message: error.message })
  process.exit(0)
})
child.once('exit', (code, signal) => {
  killAll('SIGKILL')
  report({ type: 'exit', code, signal })
  process.exit(0)
})
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, end)
process.stdin.on('end', end)
process.stdin.on('close', end)
process.stdin.on('error', end)
process.stdin.resume()
`

/** What the watchdog reports about the program it runs. */
export type WatchdogReport =
  | { type: 'spawned'; pid: number }
  | { type: 'error'; code: string | null; message: string }
  | { type: 'exit'; code: number | null; signal: NodeJS.Signals | null }

export interface Watched {
  /** The watchdog process; its stdout and stderr are the program's. */
  process: ChildProcess
  stdout: Readable
  stderr: Readable
  /** Ends the program (and its process group) by closing the lifeline. */
  stop(): void
}

/**
 * Starts `command` under the watchdog, so it cannot outlive this process. Runs the watchdog with
 * this process's own runtime: Node for the CLI, Electron as Node in the app.
 */
export function spawnWatched(
  command: string,
  args: string[],
  onReport: (report: WatchdogReport) => void,
  env: NodeJS.ProcessEnv = process.env
): Watched {
  const child = spawn(process.execPath, ['-e', WATCHDOG_SOURCE, '--', command, ...args], {
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
    windowsHide: true
  })
  const reports = child.stdio[3] as Readable
  reports.on(
    'data',
    lineSplitter((line) => {
      if (line.trim() === '') return
      try {
        onReport(JSON.parse(line) as WatchdogReport)
      } catch {
        // Only the watchdog writes here; a line it did not write is ignored.
      }
    })
  )
  const lifeline = child.stdin as Writable
  // The watchdog may be gone already; a write error on the lifeline means nothing more.
  lifeline.on('error', () => undefined)
  return {
    process: child,
    stdout: child.stdout as Readable,
    stderr: child.stderr as Readable,
    stop: () => lifeline.destroy()
  }
}
