import { EventBatcher } from '@shared/event-batcher'
import { eventJson, onEveryEvent } from '../engine'
import type { ControlEngine } from './control-engine'

/** Receives each message of the stream, the same Buffer for every client. */
export type BroadcastListener = (chunk: Buffer) => void

/**
 * Bytes handed to clients' sockets in one turn of the event loop. A socket on loopback takes a
 * whole large message at once, so handing a 1 MiB capture to a thousand clients in one go would
 * copy a gigabyte before anything else runs; in turns of this size, the receiver and the API keep
 * answering in between.
 */
const BYTES_PER_TURN = 8 * 1024 * 1024

interface Delivery {
  chunk: Buffer
  /** The clients open when the message was made; the next one to hand it to. */
  to: BroadcastListener[]
  next: number
}

/**
 * Every engine event as Server-Sent Events text, made once for all the clients of the stream:
 * one subscription to the engine, one batch per interval, one Buffer per message handed to every
 * client. Entries reuse the journal's text, so the batch holds strings and the entry objects are
 * garbage as soon as their request is answered. Made per client instead, a 1 MiB capture with a
 * thousand tabs open would be serialized and copied a thousand times, blocking the event loop for
 * tens of seconds and holding a gigabyte (see docs/RELIABILITY.md, Event stream fan-out).
 */
export class EventBroadcast {
  private readonly listeners = new Set<BroadcastListener>()
  private feed: { batcher: EventBatcher<string>; unsubscribe: () => void } | null = null
  private readonly deliveries: Delivery[] = []
  private turn: ReturnType<typeof setImmediate> | null = null

  constructor(
    private readonly engine: Pick<ControlEngine, 'on'>,
    private readonly batchMs: number
  ) {}

  /**
   * Adds a client; the engine is listened to only while there is one. Returns what removes it.
   */
  add(listener: BroadcastListener): () => void {
    this.listeners.add(listener)
    this.feed ??= this.subscribe()
    return () => {
      if (!this.listeners.delete(listener) || this.listeners.size > 0) return
      this.feed?.unsubscribe()
      this.feed?.batcher.dispose()
      this.feed = null
    }
  }

  /** Hands on what is batched now, to every client (before the server ends the streams). */
  drain(): void {
    this.feed?.batcher.drain()
    if (this.turn !== null) clearImmediate(this.turn)
    this.turn = null
    this.pump(Infinity)
  }

  /** Sends a message that is not an event (a keep-alive comment) to every client. */
  send(chunk: Buffer): void {
    this.deliver(chunk)
  }

  private subscribe(): { batcher: EventBatcher<string>; unsubscribe: () => void } {
    const batcher = new EventBatcher<string>(
      (parts) => this.deliver(Buffer.from(`data: [${parts.join(',')}]\n\n`, 'utf8')),
      this.batchMs
    )
    const unsubscribe = onEveryEvent(this.engine, (event, json) =>
      batcher.push(eventJson(event, json))
    )
    return { batcher, unsubscribe }
  }

  /** Messages go to clients in order, each message to every client before the next one. */
  private deliver(chunk: Buffer): void {
    if (this.listeners.size === 0) return
    this.deliveries.push({ chunk, to: [...this.listeners], next: 0 })
    this.turn ??= setImmediate(() => {
      this.turn = null
      this.pump(BYTES_PER_TURN)
    })
  }

  private pump(budget: number): void {
    let spent = 0
    while (this.deliveries.length > 0 && spent < budget) {
      const delivery = this.deliveries[0]!
      while (delivery.next < delivery.to.length && spent < budget) {
        const listener = delivery.to[delivery.next++]!
        // A client gone meanwhile is skipped; the one that left last took the feed with it.
        if (!this.listeners.has(listener)) continue
        listener(delivery.chunk)
        spent += delivery.chunk.length
      }
      if (delivery.next === delivery.to.length) this.deliveries.shift()
    }
    if (this.deliveries.length > 0) {
      this.turn ??= setImmediate(() => {
        this.turn = null
        this.pump(BYTES_PER_TURN)
      })
    }
  }
}
