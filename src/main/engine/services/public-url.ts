import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PublicRequestParsed, PublicStatus } from '@shared/public-url'
import type { Behavior } from '@shared/schemas'
import type { ExposureGuard } from '../exposure'
import { ValidationError } from '@shared/validation'
import { errorMessage } from '@shared/error-message'
import { NGROK_TOKEN_ENV } from '../public-url/ngrok-tunnel'
import { TunnelRunner } from '../public-url/runner'
import type { TunnelError } from '../public-url/tunnel'
import { tunnelOpener } from '../public-url'

/** The secret store's key for the ngrok authtoken (never kept in settings). */
export const NGROK_SECRET_KEY = 'tunnel:ngrok'

export interface PublicUrlDeps {
  /** null: memory only; known_hosts then lives in a temporary folder for this run. */
  dataDir: string | null
  receiverPort: () => number | null
  /** The credentials the receiver's behaviour expects now. */
  expectedAuth: () => Behavior['expectedAuth']
  /** The exposure rule, and where this tunnel's anonymous-access choice is kept. */
  exposure: Pick<ExposureGuard, 'check' | 'setAnonymousTunnel'>
  secrets: {
    get(key: string): string | undefined
    set(key: string, value: string): Promise<void>
  }
  onStatus: (status: PublicStatus) => void
  env?: NodeJS.ProcessEnv
  /** Injected for tests; default the real providers. */
  opener?: typeof tunnelOpener
}

const OFF: Omit<PublicStatus, 'since'> = {
  state: 'off',
  provider: null,
  target: null,
  url: null,
  reason: null,
  failure: null
}

/**
 * The receiver's public URL for the app and `serve`: one tunnel at a time, its state reported
 * as it changes. Never started by itself: a launch always begins private.
 */
export class PublicUrlService {
  private current: PublicStatus = { ...OFF, since: new Date().toISOString() }
  private runner: TunnelRunner | null = null
  private scratchDir: string | null = null

  constructor(private readonly deps: PublicUrlDeps) {}

  status(): PublicStatus {
    return this.current
  }

  /** Whether a tunnel makes the receiver reachable from the internet (or is about to). */
  exposed(): boolean {
    return this.current.state !== 'off'
  }

  /** Brings the tunnel up; resolves once it has a URL, rejects with the reason it has none. */
  async start(request: PublicRequestParsed): Promise<PublicStatus> {
    this.deps.exposure.check(
      'Making the receiver public',
      this.deps.expectedAuth(),
      { tunnel: true, host: null },
      { tunnel: request.allowAnonymous }
    )
    const port = this.deps.receiverPort()
    if (port === null) {
      throw new ValidationError('the receiver is not running: start it first', null)
    }
    await this.stop()
    this.deps.exposure.setAnonymousTunnel(request.allowAnonymous)
    if (request.ngrokAuthtoken !== null) {
      await this.deps.secrets.set(NGROK_SECRET_KEY, request.ngrokAuthtoken)
    }
    const env = this.deps.env ?? process.env
    const open = (this.deps.opener ?? tunnelOpener)({
      provider: request.provider,
      target: request.target,
      identityFile: request.identityFile,
      dataDir: this.deps.dataDir ?? (await this.scratch()),
      ngrokAuthtoken: env[NGROK_TOKEN_ENV] || this.deps.secrets.get(NGROK_SECRET_KEY) || null
    })
    const base = { provider: request.provider, target: request.target }
    this.set({ ...OFF, ...base, state: 'starting' })
    const runner = new TunnelRunner({
      open,
      localPort: port,
      onUp: (url) => this.set({ ...OFF, ...base, state: 'up', url }),
      onDown: (error: TunnelError, retryInMs) =>
        this.set({
          ...OFF,
          ...base,
          state: retryInMs === null ? 'off' : 'down',
          reason: error.message,
          failure: error.failure
        })
    })
    this.runner = runner
    try {
      const url = await runner.start()
      if (this.runner === runner) this.set({ ...OFF, ...base, state: 'up', url })
    } catch (error) {
      if (this.runner === runner) {
        this.runner = null
        const failure = (error as Partial<TunnelError>).failure ?? 'exited'
        this.set({ ...OFF, ...base, reason: errorMessage(error), failure })
      }
      throw new ValidationError(`the public URL could not come up: ${errorMessage(error)}`, null)
    }
    return this.current
  }

  /** Closes the tunnel; the receiver stays as it is. */
  async stop(): Promise<PublicStatus> {
    const runner = this.runner
    this.runner = null
    if (runner !== null) {
      await runner.stop()
      this.set({ ...OFF })
    }
    this.deps.exposure.setAnonymousTunnel(false)
    return this.current
  }

  private async scratch(): Promise<string> {
    this.scratchDir ??= await mkdtemp(join(tmpdir(), 'hook-inspector-ssh-'))
    return this.scratchDir
  }

  private set(status: Omit<PublicStatus, 'since'>): void {
    this.current = { ...status, since: new Date().toISOString() }
    this.deps.onStatus(this.current)
  }
}
