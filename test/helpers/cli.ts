/**
 * Runs the built `hook-inspector` command (out/main/cli.js) as a child process and talks to it
 * over its stdout and stderr, the way a user or a script does. Every wait is bounded. The launcher
 * (bin/) rebuilds out/ first when the sources are newer.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '..', '..')
const CLI = join(ROOT, 'out', 'main', 'cli.js')
/** The launcher users run: it builds out/ when needed, then runs the command. */
export const LAUNCHER = join(ROOT, 'bin', 'hook-inspector.js')

type Exit = { code: number | null; signal: NodeJS.Signals | null }

/** Builds out/main/cli.js when it is missing or stale (the launcher does that, under a lock). */
export function ensureBuilt(): void {
  const result = spawnSync(process.execPath, [LAUNCHER, '--version'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000
  })
  if (result.status !== 0) {
    throw new Error(`building the CLI failed:\n${result.stdout}\n${result.stderr}`)
  }
}

/** Whether output looks like it carries a stack trace (it never should). */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(]/m.test(text)
}

export interface CliResult extends Exit {
  stdout: string
  stderr: string
}

/** Runs a command to completion and returns its exit code and output. */
export async function runCli(
  args: string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}
): Promise<CliResult> {
  const cli = startCli(args, options.env)
  const timeoutMs = options.timeoutMs ?? 15_000
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), timeoutMs)
  try {
    const exit = await cli.exited
    if (exit.signal === 'SIGKILL') {
      throw new Error(`hook-inspector ${args.join(' ')} did not finish in ${timeoutMs} ms`)
    }
    return { ...exit, stdout: cli.stdout, stderr: cli.stderr }
  } finally {
    clearTimeout(timer)
  }
}

/** A running command whose output can be awaited. */
export class CliProcess {
  stdout = ''
  stderr = ''
  /** Complete stdout lines so far. */
  readonly stdoutLines: string[] = []
  readonly exited: Promise<Exit>
  private partial = ''
  private waiters: (() => void)[] = []

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      this.stdout += chunk
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

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null
  }

  /** Resolves with the first stdout line (from `from` on) that passes `test`. */
  waitForLine(test: (line: string) => boolean, timeoutMs = 10_000, from = 0): Promise<string> {
    return this.until(() => this.stdoutLines.slice(from).find(test), timeoutMs, 'no matching line')
  }

  /** Resolves once stderr contains `text` (stderr and stdout are separate pipes: no order). */
  async waitForStderr(text: string, timeoutMs = 10_000): Promise<void> {
    await this.until(
      () => (this.stderr.includes(text) ? true : undefined),
      timeoutMs,
      `stderr did not show "${text}"`
    )
  }

  /** Resolves with the first match of `pattern` in stdout or stderr. */
  waitFor(
    stream: 'stdout' | 'stderr',
    pattern: RegExp,
    timeoutMs = 15_000
  ): Promise<RegExpExecArray> {
    return this.until(() => pattern.exec(this[stream]) ?? undefined, timeoutMs, `no ${pattern}`)
  }

  /** Sends a signal and waits for the exit (SIGKILL after `timeoutMs`). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<Exit> {
    if (this.running) this.child.kill(signal)
    return this.wait(timeoutMs)
  }

  /** Waits for the exit; kills the process after `timeoutMs`. */
  async wait(timeoutMs = 15_000): Promise<Exit> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs)
    try {
      return await this.exited
    } finally {
      clearTimeout(timer)
    }
  }

  /** Resolves with what `found` finds once it finds something; rejects on exit or time. */
  private until<T>(found: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(this.failure(`${what} within ${timeoutMs} ms`)),
        timeoutMs
      )
      const check = (): void => {
        const result = found()
        if (result !== undefined) {
          clearTimeout(timer)
          resolve(result)
        } else if (!this.running) {
          clearTimeout(timer)
          reject(this.failure(`${what}: the command exited`))
        } else {
          this.waiters.push(check)
        }
      }
      check()
    })
  }

  private failure(what: string): Error {
    return new Error(`${what}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`)
  }

  private notify(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const w of waiters) w()
  }
}

/** Starts the built command with `args`. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  return new CliProcess(
    spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env } })
  )
}

export interface JsonListener {
  cli: CliProcess
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

export interface ServeProcess {
  cli: CliProcess
  /** http://127.0.0.1:<port> of the control server (no trailing slash). */
  base: string
  uiUrl: string
  receiverUrl: string
  token: string
  /** Calls an API method over the control server. */
  call<T = unknown>(method: string, args?: unknown[]): Promise<T>
}

/** `serve` on free ports with a fixed token, resolved once it printed its address. */
export async function startServe(
  dataDir: string,
  token: string,
  extraArgs: readonly string[] = []
): Promise<ServeProcess> {
  const cli = startCli(
    ['serve', '--port', '0', '--receiver-port', '0', '--data-dir', dataDir, ...extraArgs],
    { HOOK_INSPECTOR_TOKEN: token }
  )
  const ui = await cli.waitFor('stdout', /^Hook Inspector: (\S+)$/m)
  const receiver = await cli.waitFor('stderr', /^Receiver: (http:\/\/\S+)$/m)
  const uiUrl = ui[1]!
  const base = new URL(uiUrl).origin
  return {
    cli,
    base,
    uiUrl,
    receiverUrl: receiver[1]!,
    token,
    async call<T>(method: string, args: unknown[] = []): Promise<T> {
      const res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ args })
      })
      const json = (await res.json()) as { result?: T; error?: { message: string } }
      if (res.status !== 200) throw new Error(`${method}: ${res.status} ${json.error?.message}`)
      return json.result as T
    }
  }
}
