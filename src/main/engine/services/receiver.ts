import { errorMessage } from '@shared/error-message'
import type { Behavior, Capture, ReceiverConfig, ReceiverStatus, Unfinished } from '@shared/schemas'
import type { EngineEmitter } from '../events/typed-emitter'
import { exposedHost, type ExposureGuard } from '../exposure'
import { isLoopbackHost } from '@shared/loopback'
import type { ForwardRequest, ForwardResult, RunningReceiver } from '../ports'
import { startReceiver } from '../receiver'
import { listenWithPolicy, type PortConflict } from '../receiver/listen-policy'
import { SerialQueue } from '../serial-queue'
import { ConnectionLimitNotice } from './connection-limit-notice'
import type { NoticeBoard } from './notices'
import type { SettingsService } from './settings'

export interface ReceiverServiceOptions {
  settings: SettingsService
  notices: NoticeBoard
  events: EngineEmitter
  portConflict: PortConflict
  /** This run's overrides of the saved receiver config (e.g. `serve --receiver-port`). */
  overrides: Partial<ReceiverConfig>
  /** Every capture, journaled before the receiver answers. */
  onCapture: (capture: Capture) => Promise<void>
  /** A recorded capture whose answer never went out whole: the caller left first. */
  onUnfinished: (captureId: string, unfinished: Unfinished) => void
  /** The forwarding leg, when the behaviour forwards. */
  forward: (request: ForwardRequest) => Promise<ForwardResult>
  /** The rule that keeps an exposed receiver behind real credentials (see exposure.ts). */
  exposure: ExposureGuard
}

/**
 * The embedded receiver: where it listens, whether it runs, and its behaviour (read on every
 * request, so a change applies to the next one). Starts and stops run one at a time.
 */
export class ReceiverService {
  /** The config the receiver runs with: the saved one plus this run's overrides. */
  private config: ReceiverConfig
  private current: RunningReceiver | null = null
  private error: string | null = null
  private readonly queue = new SerialQueue()
  private readonly refusedNotice: ConnectionLimitNotice

  constructor(private readonly options: ReceiverServiceOptions) {
    this.config = { ...options.settings.value.receiver, ...options.overrides }
    this.refusedNotice = new ConnectionLimitNotice(options.notices, options.events)
  }

  /** Where the receiver listens now, or null when it is stopped. */
  get running(): RunningReceiver | null {
    return this.current
  }

  status(): ReceiverStatus {
    const r = this.current
    if (r) {
      return {
        running: true,
        host: r.host,
        port: r.port,
        url: r.url,
        // A restart elsewhere that failed: this one kept running.
        error: this.error,
        exposed: !isLoopbackHost(r.host)
      }
    }
    return {
      running: false,
      host: this.config.host,
      port: null,
      url: null,
      error: this.error,
      exposed: false
    }
  }

  /** Starts with the configured port-conflict policy; see restart. */
  startInitial(): Promise<boolean> {
    return this.queue.run(() => this.restart(this.config, this.options.portConflict))
  }

  /** Restarts with the changes; they are saved only once it runs. */
  start(changes: Partial<ReceiverConfig>, assertOpen: () => void): Promise<ReceiverStatus> {
    return this.queue.run(async () => {
      assertOpen()
      const before = this.config
      const next = { ...before, ...changes }
      this.config = next
      if (await this.restart(next, this.options.portConflict, true)) {
        // Saved only once it runs: a config that cannot start must not break the next launch.
        const { settings } = this.options
        const current = settings.value
        settings.set({ ...current, receiver: { ...current.receiver, ...changes } })
        await settings.save()
      } else if (this.current) {
        this.config = before
      }
      return this.status()
    })
  }

  stop(): Promise<ReceiverStatus> {
    return this.queue.run(async () => {
      await this.stopRunning()
      this.error = null
      this.options.events.emit('receiver-status', this.status())
      return this.status()
    })
  }

  /** Stops listening for good (engine shutdown), after any start or stop under way. */
  close(): Promise<void> {
    return this.queue.run(() => this.stopRunning())
  }

  /**
   * Sets the behaviour; refused when the receiver is exposed (public, or beyond loopback) and it
   * would clear or blank the expected credentials without anonymous access chosen. `change`
   * names what asks for it in the refusal (a scenario step, a preset, an import).
   */
  async setBehavior(next: Behavior, change = 'This behaviour'): Promise<Behavior> {
    const { settings } = this.options
    this.options.exposure.check(change, next.expectedAuth)
    // The receiver reads this on every request, so it applies to the next one.
    settings.set({ ...settings.value, behavior: next })
    await settings.save()
    return structuredClone(next)
  }

  /**
   * Whether it now runs; under 'fail' a listen error is thrown instead of reported. `keep`: a
   * receiver that runs elsewhere stays up until the new one listens, and keeps running (with the
   * error reported) when the new address cannot be had.
   */
  private async restart(
    config: ReceiverConfig,
    policy: PortConflict,
    keep = false
  ): Promise<boolean> {
    const { events, settings } = this.options
    const previous = this.current
    const moving =
      keep && previous !== null && (previous.port !== config.port || previous.host !== config.host)
    try {
      // Threat: see exposure.ts. A receiver beyond loopback is not started without credentials.
      const { tunnel } = this.options.exposure.exposure()
      this.options.exposure.check(
        `Listening on ${config.host}`,
        settings.value.behavior.expectedAuth,
        {
          tunnel,
          host: exposedHost(config.host)
        }
      )
    } catch (error) {
      this.error = errorMessage(error)
      events.emit('receiver-status', this.status())
      if (policy === 'fail' && !moving) throw error
      return false
    }
    if (!moving) await this.stopRunning()
    try {
      const started = await listenWithPolicy(
        startReceiver,
        {
          host: config.host,
          port: config.port,
          bodyLimitBytes: config.bodyLimitBytes,
          getBehavior: () => settings.value.behavior,
          onCapture: (capture) => this.options.onCapture(capture),
          onUnfinished: (id, unfinished) => this.options.onUnfinished(id, unfinished),
          forward: (request) => this.options.forward(request),
          onConnectionRefused: (max) => this.refusedNotice.refusedOne(max)
        },
        moving ? 'fail' : policy
      )
      if (moving) await this.stopRunning()
      this.current = started
      this.error = null
    } catch (error) {
      this.error = errorMessage(error)
      events.emit('receiver-status', this.status())
      if (policy === 'fail' && !moving) throw error
      return false
    }
    const host = this.current.host
    // Threat: on a LAN address anyone on the network can send requests that end up in the
    // history and trigger the configured faults; the user chose it, so it is allowed but told.
    if (!isLoopbackHost(host)) {
      this.options.notices.raise(
        'warning',
        `The receiver listens on ${host}: other machines on your network can send it requests.`,
        `exposed:${host}`
      )
    }
    events.emit('receiver-status', this.status())
    return true
  }

  private async stopRunning(): Promise<void> {
    const running = this.current
    this.current = null
    if (running) await running.close()
  }
}
