import type { FastifyInstance } from 'fastify'
import type { ServerResponse } from 'node:http'
import { EVENTS_PATH } from '@shared/http-contract'
import type { ControlEngine } from './control-engine'
import { EventBroadcast } from './event-broadcast'
import { StreamClient } from './stream-client'

export interface EventStreamOptions {
  /** Batching interval (default 50 ms: at most ~20 messages a second). */
  batchMs?: number
  /** Comment lines that keep proxies and the browser from timing out (default 15 s). */
  heartbeatMs?: number
  /** Unsent bytes one client may hold back before it is dropped (default 32 MiB). */
  maxPendingBytes?: number
  /**
   * Unsent bytes all clients together may hold back; past it the client furthest behind is dropped
   * first, then the next, until they are under it again (default 64 MiB). Every client is sent the
   * same Buffers, so bytes held for several clients count once.
   */
  maxTotalPendingBytes?: number
  /** How long a dropped client has to take its last message before it is cut off (default 5 s). */
  dropGraceMs?: number
  /** Told of every client dropped for falling behind. */
  onDrop?: (drop: StreamDrop) => void
  /** Told how many streams are open whenever one opens or ends. */
  onOpenStreams?: (open: number) => void
}

/** A client dropped for falling behind. */
export interface StreamDrop {
  /** 'client': it alone held back too much; 'total': all did, and it was furthest behind. */
  bound: 'client' | 'total'
  /** Its unsent bytes when it was dropped (thrown away with it). */
  pendingBytes: number
  /** Unsent bytes of the streams still open (each byte once), once it was dropped. */
  totalPendingBytes: number
  /** Streams still open, once it was dropped. */
  openStreams: number
  /** What it was told (the `reload` message's reason). */
  reason: string
}

/**
 * A client that reads slower than events arrive is dropped past these bounds instead of letting
 * memory grow without end: told to reload (when it still reads), its stream ended.
 */
export const MAX_PENDING_BYTES = 32 * 1024 * 1024
export const MAX_TOTAL_PENDING_BYTES = 64 * 1024 * 1024
const DROP_GRACE_MS = 5_000

function mib(bytes: number): string {
  const value = bytes / (1024 * 1024)
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MiB`
}

const CONNECTED = Buffer.from(': connected\n\n', 'utf8')
const KEEP_ALIVE = Buffer.from(': keep-alive\n\n', 'utf8')

const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-store',
  Connection: 'keep-alive',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Accel-Buffering': 'no'
}

/**
 * `GET /api/events`: live engine events as Server-Sent Events, each message a JSON array of
 * EngineEvent collected over the batching interval. Subscriptions end when the client goes away
 * or the server closes. What clients have not read yet is bounded per client and over all of them:
 * past a bound the client furthest behind is told to reload and dropped (see StreamClient.drop).
 */
export function registerEventStream(
  app: FastifyInstance,
  engine: ControlEngine,
  options: EventStreamOptions = {}
): void {
  const maxPending = options.maxPendingBytes ?? MAX_PENDING_BYTES
  const maxTotal = options.maxTotalPendingBytes ?? MAX_TOTAL_PENDING_BYTES
  const graceMs = options.dropGraceMs ?? DROP_GRACE_MS
  const broadcast = new EventBroadcast(engine, options.batchMs ?? 50)
  /** Open streams, each with what ends it at server shutdown. */
  const open = new Map<StreamClient, { stop: () => void; end: () => void }>()
  let heartbeat: ReturnType<typeof setInterval> | null = null

  /**
   * The bytes held for all clients together. Every client is sent the same Buffers from when it
   * joined (only its first comment is its own), so what each has not taken is a tail of the same
   * sequence of messages: the bytes held for all of them are those held for the one furthest behind.
   */
  const totalPending = (): number => {
    let total = 0
    for (const client of open.keys()) total = Math.max(total, client.pendingBytes)
    return total
  }

  const drop = (client: StreamClient, bound: StreamDrop['bound'], reason: string): void => {
    const pendingBytes = client.pendingBytes
    open.get(client)?.stop()
    client.drop(reason, graceMs)
    options.onDrop?.({
      bound,
      pendingBytes,
      totalPendingBytes: totalPending(),
      openStreams: open.size,
      reason
    })
  }

  /**
   * After a client got more to send: its own bound, then the bound over all of them. Only this
   * client's unsent bytes grew, so only it can have gone over the total, and then it is the one
   * furthest behind.
   */
  const enforceBounds = (client: StreamClient): void => {
    const pending = client.pendingBytes
    if (pending > maxPending) {
      drop(
        client,
        'client',
        `this tab fell more than ${mib(maxPending)} of live updates behind (${mib(pending)} not read yet), the most one tab may`
      )
    } else if (pending > maxTotal) {
      drop(
        client,
        'total',
        `the open tabs together fell more than ${mib(maxTotal)} of live updates behind, and this tab was furthest behind (${mib(pending)} not read yet)`
      )
    }
  }

  app.get(EVENTS_PATH, { config: { access: 'bearer-or-query' } }, (_request, reply) => {
    // The stream is written by hand: Fastify would otherwise wait for a response that never ends.
    reply.hijack()
    const res: ServerResponse = reply.raw
    res.writeHead(200, STREAM_HEADERS)
    res.flushHeaders()
    const client = new StreamClient(res)

    const send = (chunk: Buffer): void => {
      if (!client.isOpen) return
      client.send(chunk)
      enforceBounds(client)
    }
    let leave = (): void => undefined
    let stopped = false
    const stop = (): void => {
      if (stopped) return
      stopped = true
      open.delete(client)
      leave()
      if (open.size === 0 && heartbeat !== null) {
        clearInterval(heartbeat)
        heartbeat = null
      }
      options.onOpenStreams?.(open.size)
    }
    // Server shutdown: hand over what is queued, then end the stream cleanly.
    const end = (): void => {
      stop()
      client.end()
    }
    open.set(client, { stop, end })
    // The response's close (not the request's) is what tells that the client went away.
    res.on('close', stop)
    send(CONNECTED)
    leave = broadcast.add(send)
    heartbeat ??= setInterval(() => broadcast.send(KEEP_ALIVE), options.heartbeatMs ?? 15_000)
    options.onOpenStreams?.(open.size)
  })

  app.addHook('preClose', (done) => {
    broadcast.drain()
    for (const { end } of [...open.values()]) end()
    done()
  })
}
