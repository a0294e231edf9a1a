import type { TunnelFailure } from '@shared/public-url'
import { lineSplitter } from './output-lines'
import { spawnWatched, type WatchdogReport } from './watchdog'

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
 * the program runs under a watchdog (see watchdog.ts), so it is ended when the signal aborts, when
 * the tunnel is closed, and when this process dies.
 */
export function spawnTunnel(options: SpawnedTunnelOptions): Promise<OpenTunnel> {
  return new Promise((resolve, reject) => {
    let ended: { code: number | null; signal: NodeJS.Signals | null } | null = null
    let startError: TunnelError | null = null
    const onReport = (report: WatchdogReport): void => {
      if (report.type === 'exit') ended = { code: report.code, signal: report.signal }
      if (report.type === 'error') {
        startError =
          report.code === 'ENOENT'
            ? new TunnelError(
                'binary-missing',
                `${options.label} was not found on PATH: ${options.installHint}`
              )
            : new TunnelError('exited', `${options.label} could not start: ${report.message}`)
      }
    }
    // Under the watchdog: the program ends when this process does, even on a kill -9.
    const watched = spawnWatched(options.command, options.args, onReport, options.env)
    const child = watched.process
    let url: string | null = null
    let failure: { failure: TunnelFailure; detail: string } | null = null
    const lastLines: string[] = []
    let settleClosed: (error: TunnelError) => void = () => undefined
    const closed = new Promise<TunnelError>((done) => (settleClosed = done))
    const exited = new Promise<void>((done) => child.once('close', () => done()))

    const kill = (): void => watched.stop()
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
    watched.stdout.on('data', lineSplitter(onLine))
    watched.stderr.on('data', lineSplitter(onLine))

    child.once('error', (error: Error) => {
      options.signal.removeEventListener('abort', onAbort)
      const err = new TunnelError('exited', `${options.label} could not start: ${error.message}`)
      if (url === null) reject(err)
      else settleClosed(err)
    })
    child.once('close', (code, signal) => {
      options.signal.removeEventListener('abort', onAbort)
      const end = ended ?? { code, signal }
      const why =
        startError ??
        (failure !== null
          ? new TunnelError(failure.failure, options.describe(failure.failure, failure.detail))
          : new TunnelError(
              'exited',
              `${options.label} ended (${end.signal ?? `exit ${end.code ?? '?'}`})` +
                (lastLines.length > 0 ? `: ${lastLines[lastLines.length - 1]}` : '')
            ))
      if (url === null) reject(why)
      else settleClosed(why)
    })
  })
}
