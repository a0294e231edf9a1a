import type { EngineEvent } from './api'

/**
 * Collects live events and hands them on at most once per interval (default 50 ms, ~20 updates a
 * second), so a flood of requests becomes a few large updates instead of thousands of small ones.
 *
 */
export class EventBatcher<T = EngineEvent> {
  private queue: T[] = []
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly flush: (batch: T[]) => void,
    private readonly intervalMs = 50
  ) {}

  push(event: T): void {
    this.queue.push(event)
    if (this.timer === null) {
      this.timer = setTimeout(() => this.drain(), this.intervalMs)
    }
  }

  /** Sends whatever is queued now (e.g. before shutdown). */
  drain(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer)
      this.timer = null
    }
    if (this.queue.length === 0) return
    const batch = this.queue
    this.queue = []
    this.flush(batch)
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.queue = []
  }
}
