/**
 * Runs the built `hook-inspector` command as a child process, the way a user or a script does,
 * with every wait bounded. The launcher (bin/) rebuilds out/ first when the sources are newer.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '..', '..', '..')
const CLI = join(ROOT, 'out', 'main', 'cli.js')
const LAUNCHER = join(ROOT, 'bin', 'hook-inspector.js')

/** Makes sure out/main/cli.js is built from the current sources. */
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

export class CliProcess {
  stdout = ''
  stderr = ''
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  private waiters: (() => void)[] = []

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      this.stdout += chunk
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

  /** Resolves with the first match of `pattern` in stdout or stderr; rejects on exit or time. */
  waitFor(
    stream: 'stdout' | 'stderr',
    pattern: RegExp,
    timeoutMs = 15_000
  ): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(this.failure(`no ${pattern} within ${timeoutMs} ms`)),
        timeoutMs
      )
      const check = (): void => {
        const match = pattern.exec(this[stream])
        if (match) {
          clearTimeout(timer)
          resolve(match)
        } else if (!this.running) {
          clearTimeout(timer)
          reject(this.failure(`exited before ${pattern}`))
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
    if (this.running) this.child.kill(signal)
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs)
    try {
      return await this.exited
    } finally {
      clearTimeout(timer)
    }
  }

  /** Waits for the exit; kills the process after `timeoutMs`. */
  async wait(timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs)
    try {
      return await this.exited
    } finally {
      clearTimeout(timer)
    }
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
export async function startServe(dataDir: string, token: string): Promise<ServeProcess> {
  const cli = startCli(['serve', '--port', '0', '--receiver-port', '0', '--data-dir', dataDir], {
    HOOK_INSPECTOR_TOKEN: token
  })
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
