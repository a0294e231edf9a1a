import type { CapacityOptions, CapacityProgress } from '@shared/capacity'
import { newId } from '@shared/ids'
import { isLoopbackUrl } from '@shared/loopback'
import type { CapacityRun } from '@shared/schemas'
import { ValidationError } from '@shared/validation'
import { checkHookUrl } from '@shared/wire-request'
import type { Send } from '../ports'
import { runCapacity } from '../capacity/run-capacity'

export interface CapacityServiceDeps {
  /** Every request of a run goes through the one send (ExchangesService.send), unrecorded. */
  send: Send
  /** Records the finished run as one history entry and announces it. */
  record: (run: CapacityRun) => Promise<void>
  onProgress: (progress: CapacityProgress) => void
}

/**
 * Runs one capacity check at a time for the engine: checks the URL and the confirmation a
 * remote one needs, streams progress, records the run as one history entry, and stops at once
 * when asked.
 */
export class CapacityService {
  private controller: AbortController | null = null
  private current: Promise<unknown> | null = null

  constructor(private readonly deps: CapacityServiceDeps) {}

  get running(): boolean {
    return this.controller !== null
  }

  async run(options: CapacityOptions): Promise<CapacityRun> {
    const url = checkHookUrl(options.url)
    if (!url.ok) throw new ValidationError(url.message, 'url')
    if (!isLoopbackUrl(url.url) && !options.confirmed) {
      throw new ValidationError(
        `${url.url.host} is not on this machine: a capacity check sends real traffic there, so it needs confirming.`,
        'confirmed'
      )
    }
    if (this.controller) throw new ValidationError('A capacity check is already running.', 'url')
    const controller = new AbortController()
    this.controller = controller
    const running = (async () => {
      const run = await runCapacity(newId('cpc'), options, {
        send: this.deps.send,
        signal: controller.signal,
        onProgress: this.deps.onProgress
      })
      await this.deps.record(run)
      return run
    })()
    this.current = running
    try {
      return await running
    } finally {
      this.controller = null
      this.current = null
    }
  }

  /** Stops a running check and waits until it has recorded what it had. */
  async close(): Promise<void> {
    this.stop()
    await this.current?.catch(() => undefined)
  }

  /** Stops the running check at once; false when none runs. */
  stop(): boolean {
    if (!this.controller || this.controller.signal.aborted) return false
    this.controller.abort()
    return true
  }
}
