import { isFinal, TunnelError, type OpenTunnel, type OpenTunnelFn } from './tunnel'
import { errorMessage } from '@shared/error-message'

/** How long the first attempts may take before the tunnel is reported as not coming up. */
export const START_TIMEOUT_MS = 30_000
/** Waits between attempts after a drop, doubling up to the last. */
export const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000]

export interface RunnerOptions {
  open: OpenTunnelFn
  localPort: number
  onUp: (url: string) => void
  /** retryInMs null: the failure cannot be fixed by retrying, the runner has stopped. */
  onDown: (error: TunnelError, retryInMs: number | null) => void
  startTimeoutMs?: number
  backoffMs?: readonly number[]
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        resolve()
      },
      { once: true }
    )
  })

/**
 * Keeps one tunnel up: the first URL within the start timeout (or the reason it could not come
 * up), then, whenever it drops, reconnects with backoff and reports the new URL. Failures that a
 * retry cannot fix (missing program, refused key, changed host key) stop it at once.
 */
export class TunnelRunner {
  private readonly stopping = new AbortController()
  private current: OpenTunnel | null = null
  private readonly startTimeoutMs: number
  private readonly backoff: readonly number[]

  constructor(private readonly options: RunnerOptions) {
    this.startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS
    this.backoff = options.backoffMs ?? BACKOFF_MS
  }

  /** Resolves with the first public URL; rejects with a TunnelError when none came up in time. */
  async start(): Promise<string> {
    const deadline = Date.now() + this.startTimeoutMs
    let tries = 0
    for (;;) {
      const left = deadline - Date.now()
      try {
        const tunnel = await this.attempt(Math.max(left, 1))
        this.keep(tunnel)
        return tunnel.url
      } catch (error) {
        const failure = asTunnelError(error)
        if (this.stopping.signal.aborted || isFinal(failure.failure)) throw failure
        const wait = this.backoff[Math.min(tries++, this.backoff.length - 1)] ?? 1_000
        if (Date.now() + wait >= deadline) {
          throw new TunnelError(
            failure.failure,
            `${failure.message} (no public URL within ${Math.round(this.startTimeoutMs / 1000)} s)`
          )
        }
        await sleep(wait, this.stopping.signal)
      }
    }
  }

  /** Closes the tunnel and stops reconnecting. */
  async stop(): Promise<void> {
    this.stopping.abort()
    const tunnel = this.current
    this.current = null
    await tunnel?.close()
  }

  private attempt(timeoutMs: number): Promise<OpenTunnel> {
    const controller = new AbortController()
    const stop = (): void => controller.abort()
    this.stopping.signal.addEventListener('abort', stop, { once: true })
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort()
        reject(new TunnelError('timeout', `no public URL after ${Math.round(timeoutMs / 1000)} s`))
      }, timeoutMs)
    })
    return Promise.race([this.options.open(this.options.localPort, controller.signal), timeout])
      .then((tunnel) => {
        if (this.stopping.signal.aborted) {
          void tunnel.close()
          throw new TunnelError('exited', 'stopped')
        }
        return tunnel
      })
      .finally(() => {
        clearTimeout(timer)
        this.stopping.signal.removeEventListener('abort', stop)
      })
  }

  private keep(tunnel: OpenTunnel): void {
    this.current = tunnel
    void tunnel.closed.then((why) => {
      if (this.stopping.signal.aborted || this.current !== tunnel) return
      this.current = null
      void this.reconnect(why)
    })
  }

  private async reconnect(why: TunnelError): Promise<void> {
    let failure = why
    for (let tries = 0; !this.stopping.signal.aborted; tries++) {
      if (isFinal(failure.failure)) {
        this.options.onDown(failure, null)
        return
      }
      const wait = this.backoff[Math.min(tries, this.backoff.length - 1)] ?? 1_000
      this.options.onDown(failure, wait)
      await sleep(wait, this.stopping.signal)
      if (this.stopping.signal.aborted) return
      try {
        const tunnel = await this.attempt(this.startTimeoutMs)
        this.keep(tunnel)
        this.options.onUp(tunnel.url)
        return
      } catch (error) {
        failure = asTunnelError(error)
      }
    }
  }
}

function asTunnelError(error: unknown): TunnelError {
  return error instanceof TunnelError ? error : new TunnelError('exited', errorMessage(error))
}
