/**
 * Runs the built `hook-inspector` command (out/main/cli.js) as a child process and talks to it
 * over its stdout/stderr, the way a script would. Every wait is bounded.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '..', '..')
export const CLI = join(ROOT, 'out', 'main', 'cli.js')
export const BIN = join(ROOT, 'bin', 'hook-inspector.js')

/** Builds out/main/cli.js when it is missing or stale (the launcher does that, under a lock). */
export function ensureBuilt(): void {
  const result = spawnSync(process.execPath, [BIN, '--version'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000
  })
  if (result.status !== 0) {
    throw new Error(`building the CLI failed:\n${result.stdout}\n${result.stderr}`)
  }
}

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface RunOptions {
  timeoutMs?: number
  env?: NodeJS.ProcessEnv
}

/** Runs a command to completion and returns its exit code and output. */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...options.env }
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => out.push(c))
    child.stderr.on('data', (c: Buffer) => err.push(c))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`hook-inspector ${args.join(' ')} did not finish in time`))
    }, options.timeoutMs ?? 15_000)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      })
    })
  })
}

/** A long-running command (listen, serve) whose output lines can be awaited. */
export class RunningCli {
  readonly stdoutLines: string[] = []
  stderr = ''
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  private partial = ''
  private waiters: (() => void)[] = []

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      const parts = (this.partial + chunk).split('\n')
      this.partial = parts.pop() ?? ''
      this.stdoutLines.push(...parts)
      this.notify()
    })
    child.stderr.on('data', (chunk: string) => {
      this.stderr += chunk
      this.notify()
    })
    this.exited = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        this.notify()
        resolve({ code, signal })
      })
    })
  }

  private notify(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const w of waiters) w()
  }

  /** Resolves with the first stdout line (from `from` on) that matches, or rejects in time. */
  waitForLine(test: (line: string) => boolean, timeoutMs = 10_000, from = 0): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `no matching line within ${timeoutMs} ms; stdout:\n${this.stdoutLines.join('\n')}\nstderr:\n${this.stderr}`
          )
        )
      }, timeoutMs)
      const check = (): void => {
        const line = this.stdoutLines.slice(from).find(test)
        if (line !== undefined) {
          clearTimeout(timer)
          resolve(line)
        } else if (this.child.exitCode !== null || this.child.signalCode !== null) {
          clearTimeout(timer)
          reject(
            new Error(
              `the command exited; stdout:\n${this.stdoutLines.join('\n')}\nstderr:\n${this.stderr}`
            )
          )
        } else {
          this.waiters.push(check)
        }
      }
      check()
    })
  }

  /** Resolves once stderr contains `text` (stderr and stdout are separate pipes: no order). */
  waitForStderr(text: string, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`stderr did not show "${text}"; stderr:\n${this.stderr}`)),
        timeoutMs
      )
      const check = (): void => {
        if (this.stderr.includes(text)) {
          clearTimeout(timer)
          resolve()
        } else if (this.child.exitCode !== null || this.child.signalCode !== null) {
          clearTimeout(timer)
          reject(new Error(`the command exited; stderr:\n${this.stderr}`))
        } else {
          this.waiters.push(check)
        }
      }
      check()
    })
  }

  /** Sends a signal and waits for the exit (SIGKILL after `timeoutMs`). */
  async stop(
    signal: NodeJS.Signals = 'SIGTERM',
    timeoutMs = 10_000
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal)
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs)
    try {
      return await this.exited
    } finally {
      clearTimeout(timer)
    }
  }
}

/** Starts a long-running command. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  return new RunningCli(
    spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env } })
  )
}

export interface JsonListener {
  cli: RunningCli
  url: string
  /** Capture objects printed so far (parsed JSON lines of type "capture"). */
  captures(): Record<string, unknown>[]
  /** Waits until `count` captures have been printed. */
  waitForCaptures(count: number, timeoutMs?: number): Promise<Record<string, unknown>[]>
}

/** `listen --json --port 0 …`, resolved once it prints its "listening" line. */
export async function startJsonListener(extraArgs: string[] = []): Promise<JsonListener> {
  const cli = startCli(['listen', '--json', '--port', '0', ...extraArgs])
  const first = await cli.waitForLine((line) => line.includes('"listening"'))
  const listening = JSON.parse(first) as { type: string; url: string }
  const captures = (): Record<string, unknown>[] =>
    cli.stdoutLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((o) => o.type === 'capture')
  return {
    cli,
    url: listening.url,
    captures,
    async waitForCaptures(count, timeoutMs = 10_000) {
      await cli.waitForLine(() => captures().length >= count, timeoutMs)
      return captures()
    }
  }
}

/** Whether output contains what a stack trace looks like. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(]/m.test(text)
}
