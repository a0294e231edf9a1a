import { spawn } from 'node:child_process'
import type { TunnelFailure } from '../../../shared/public-url'
import { lineSplitter } from './output-lines'

/** A tunnel that could not come up, or went down, with the reason a person can act on. */
export class TunnelError extends Error {
  override readonly name = 'TunnelError'
  constructor(
    readonly failure: TunnelFailure,
    message: string
  ) {
    super(message)
  }
}

/** Failures that another attempt cannot fix: retrying would only hide them. */
export function isFinal(failure: TunnelFailure): boolean {
  return (
    failure === 'binary-missing' ||
    failure === 'no-authtoken' ||
    failure === 'auth-refused' ||
    failure === 'host-key-changed'
  )
}

/** One live tunnel: its public URL, and a promise that settles with the reason when it drops. */
export interface OpenTunnel {
  url: string
  closed: Promise<TunnelError>
  close(): Promise<void>
}

/** Opens a tunnel to a local port; rejects with a TunnelError when it cannot come up. */
export type OpenTunnelFn = (localPort: number, signal: AbortSignal) => Promise<OpenTunnel>

export interface SpawnedTunnelOptions {
  command: string
  args: string[]
  /** The program's name in messages. */
  label: string
  /** How to install the program, said when it is not on PATH. */
  installHint: string
  urlFromLine: (line: string) => string | null
  failureFromLine: (line: string) => { failure: TunnelFailure; detail: string } | null
  /** The message for a failure, from the line that showed it. */
  describe: (failure: TunnelFailure, detail: string) => string
  signal: AbortSignal
  env?: NodeJS.ProcessEnv
}

/**
 * Runs a tunnel program (ssh, cloudflared) and resolves once it prints its public URL. The
 * program's output is read line by line for the URL and for the failure that explains an exit;
 * the process is killed when the signal aborts or the tunnel is closed.
 */
export function spawnTunnel(options: SpawnedTunnelOptions): Promise<OpenTunnel> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, options.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.env ?? process.env
    })
    let url: string | null = null
    let failure: { failure: TunnelFailure; detail: string } | null = null
    const lastLines: string[] = []
    let settleClosed: (error: TunnelError) => void = () => undefined
    const closed = new Promise<TunnelError>((done) => (settleClosed = done))
    const exited = new Promise<void>((done) => child.once('close', () => done()))

    const kill = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    }
    const onAbort = (): void => kill()
    options.signal.addEventListener('abort', onAbort, { once: true })

    const onLine = (line: string): void => {
      if (line.trim() === '') return
      lastLines.push(line.trim())
      if (lastLines.length > 5) lastLines.shift()
      failure ??= options.failureFromLine(line)
      if (url !== null) return
      const found = options.urlFromLine(line)
      if (found === null) return
      url = found
      resolve({
        url,
        closed,
        close: async () => {
          kill()
          await exited
        }
      })
    }
    child.stdout.on('data', lineSplitter(onLine))
    child.stderr.on('data', lineSplitter(onLine))

    child.once('error', (error: NodeJS.ErrnoException) => {
      options.signal.removeEventListener('abort', onAbort)
      const err =
        error.code === 'ENOENT'
          ? new TunnelError(
              'binary-missing',
              `${options.label} was not found on PATH: ${options.installHint}`
            )
          : new TunnelError('exited', `${options.label} could not start: ${error.message}`)
      if (url === null) reject(err)
      else settleClosed(err)
    })
    child.once('close', (code, signal) => {
      options.signal.removeEventListener('abort', onAbort)
      const why =
        failure !== null
          ? new TunnelError(failure.failure, options.describe(failure.failure, failure.detail))
          : new TunnelError(
              'exited',
              `${options.label} ended (${signal ?? `exit ${code ?? '?'}`})` +
                (lastLines.length > 0 ? `: ${lastLines[lastLines.length - 1]}` : '')
            )
      if (url === null) reject(why)
      else settleClosed(why)
    })
  })
}
