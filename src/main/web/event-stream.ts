import type { FastifyInstance } from 'fastify'
import type { ServerResponse } from 'node:http'
import { EventBatcher } from '../../shared/event-batcher'
import { eventJson, onEveryEvent } from '../engine'
import { EVENTS_PATH } from '../../shared/http-contract'
import type { ControlEngine } from './control-engine'

export interface EventStreamOptions {
  /** Batching interval (default 50 ms: at most ~20 messages a second). */
  batchMs?: number
  /** Comment lines that keep proxies and the browser from timing out (default 15 s). */
  heartbeatMs?: number
}

/**
 * A client that reads slower than events arrive is cut off past this much unsent data instead of
 * letting memory grow without bound; its EventSource reconnects and the UI catches up.
 */
const MAX_PENDING_BYTES = 32 * 1024 * 1024

const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-store',
  Connection: 'keep-alive',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Accel-Buffering': 'no'
}

export interface EventTextStream {
  /** Hands on what is queued now. */
  drain(): void
  /** Unsubscribes and drops what is queued. */
  stop(): void
}

/**
 * Every engine event as JSON text, handed on as one JSON array per interval. Each event is
 * serialized when it arrives, reusing the journal's text for entries, so the batch holds strings
 * and the entry objects are garbage as soon as their request is answered.
 */
export function streamEventText(
  engine: Pick<ControlEngine, 'on'>,
  onBatch: (json: string) => void,
  batchMs: number
): EventTextStream {
  const batcher = new EventBatcher<string>((parts) => onBatch(`[${parts.join(',')}]`), batchMs)
  const unsubscribe = onEveryEvent(engine, (event, json) => batcher.push(eventJson(event, json)))
  return {
    drain: () => batcher.drain(),
    stop: () => {
      unsubscribe()
      batcher.dispose()
    }
  }
}

/**
 * `GET /api/events`: live engine events as Server-Sent Events, each message a JSON array of
 * EngineEvent collected over the batching interval. Subscriptions end when the client goes away
 * or the server closes.
 */
export function registerEventStream(
  app: FastifyInstance,
  engine: ControlEngine,
  options: EventStreamOptions = {}
): void {
  const open = new Set<() => void>()

  app.get(EVENTS_PATH, { config: { access: 'bearer-or-query' } }, (_request, reply) => {
    // The stream is written by hand: Fastify would otherwise wait for a response that never ends.
    reply.hijack()
    const res: ServerResponse = reply.raw
    res.writeHead(200, STREAM_HEADERS)
    res.flushHeaders()

    const send = (chunk: string): void => {
      if (res.destroyed || res.writableEnded) return
      if (res.writableLength > MAX_PENDING_BYTES) {
        res.destroy()
        return
      }
      res.write(chunk)
    }
    const events = streamEventText(
      engine,
      (json) => send(`data: ${json}\n\n`),
      options.batchMs ?? 50
    )
    const heartbeat = setInterval(() => send(': keep-alive\n\n'), options.heartbeatMs ?? 15_000)

    let stopped = false
    const stop = (): void => {
      if (stopped) return
      stopped = true
      open.delete(end)
      clearInterval(heartbeat)
      events.stop()
    }
    // Server shutdown: hand over what is queued, then end the stream cleanly.
    const end = (): void => {
      events.drain()
      stop()
      res.end()
    }
    open.add(end)
    // The response's close (not the request's) is what tells that the client went away.
    res.on('close', stop)
    send(': connected\n\n')
  })

  app.addHook('preClose', (done) => {
    for (const end of [...open]) end()
    done()
  })
}
