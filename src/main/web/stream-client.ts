import type { ServerResponse } from 'node:http'
import { EVENTS_RELOAD_EVENT, type EventsReload } from '@shared/http-contract'

/**
 * One event-stream response and the text it has not taken yet. Text goes to the socket one piece
 * at a time and only while the socket takes it, so Node's own buffer stays small; the rest waits
 * here, where it can be counted and, when the client falls too far behind, thrown away.
 */
export class StreamClient {
  private queue: (Buffer | undefined)[] = []
  private head = 0
  private queuedBytes = 0
  /** The last write filled Node's buffer: nothing more until it drains. */
  private blocked = false
  private dropped = false

  constructor(private readonly res: ServerResponse) {
    res.on('drain', () => {
      this.blocked = false
      this.flush()
    })
  }

  /** Bytes handed to this client and not yet taken by the network: queued here or in Node. */
  get pendingBytes(): number {
    return this.queuedBytes + this.res.writableLength
  }

  get isOpen(): boolean {
    return !this.dropped && !this.res.destroyed && !this.res.writableEnded
  }

  /** Queues a message; the Buffer is shared with the other clients and never changed. */
  send(chunk: Buffer): void {
    if (!this.isOpen) return
    this.queue.push(chunk)
    this.queuedBytes += chunk.length
    this.flush()
  }

  private flush(): void {
    while (!this.blocked && this.head < this.queue.length && !this.res.destroyed) {
      const chunk = this.queue[this.head]!
      this.queue[this.head++] = undefined
      this.queuedBytes -= chunk.length
      this.blocked = !this.res.write(chunk)
    }
    if (this.head === this.queue.length) this.forget()
    else if (this.head >= 1024) {
      this.queue = this.queue.slice(this.head)
      this.head = 0
    }
  }

  private forget(): void {
    this.queue = []
    this.head = 0
    this.queuedBytes = 0
  }

  /**
   * Throws away what is queued, writes a last `reload` event and ends the response. The event
   * goes after what Node and the socket already hold (a piece or two), so a client that still
   * reads gets it; one that reads nothing gets nothing and is cut off after `graceMs`.
   */
  drop(reason: string, graceMs: number): void {
    if (!this.isOpen) return
    this.dropped = true
    this.forget()
    const message: EventsReload = { reason }
    this.res.end(`event: ${EVENTS_RELOAD_EVENT}\ndata: ${JSON.stringify(message)}\n\n`)
    const timer = setTimeout(() => this.res.destroy(), graceMs)
    timer.unref()
    this.res.once('close', () => clearTimeout(timer))
  }

  /** Server shutdown: hands over everything queued, then ends the response. */
  end(): void {
    if (!this.isOpen) return
    for (let i = this.head; i < this.queue.length; i++) this.res.write(this.queue[i]!)
    this.forget()
    this.res.end()
  }
}
