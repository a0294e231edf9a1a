import type { IncomingMessage, ServerResponse } from 'node:http'
import { startEndpoint } from '../../helpers/endpoint'

/** A local endpoint whose capacity is known, on a free loopback port. */
export interface KnownServer {
  url: string
  /** Requests whose body arrived. */
  bodies: string[]
  authorizations: (string | undefined)[]
  /** The most requests it held at once. */
  maxInFlight: () => number
  close: () => Promise<void>
}

type Handler = (req: IncomingMessage, res: ServerResponse, inFlight: number) => void

/** An endpoint that counts the requests it holds at once; a deep backlog, as a flood needs. */
async function start(handler: Handler): Promise<KnownServer> {
  const bodies: string[] = []
  const authorizations: (string | undefined)[] = []
  let inFlight = 0
  let max = 0
  const endpoint = await startEndpoint(
    (req, body, res) => {
      bodies.push(body)
      authorizations.push(req.headers.authorization)
      inFlight += 1
      max = Math.max(max, inFlight)
      let counted = true
      const done = (): void => {
        if (counted) inFlight -= 1
        counted = false
      }
      res.on('finish', done)
      res.on('close', done)
      handler(req, res, inFlight)
    },
    { backlog: 1024 }
  )
  return {
    url: endpoint.url,
    bodies,
    authorizations,
    maxInFlight: () => max,
    close: endpoint.close
  }
}

/**
 * Serves one request at a time, each in `serviceMs`: with n waiting, the last answer comes after
 * n × serviceMs. Slots are kept on the clock (a late timer does not push the next one back), and
 * a request its caller gave up on is skipped, as a server that notices the closed socket would.
 */
export function serialServer(serviceMs: number): Promise<KnownServer> {
  const queue: { res: ServerResponse; gone: boolean }[] = []
  let busyUntil = 0
  let busy = false
  /** `continuing`: straight after the previous answer, so this one starts when that one ended. */
  const next = (continuing = false): void => {
    if (busy) return
    let item = queue.shift()
    while (item && item.gone) item = queue.shift()
    if (!item) return
    busy = true
    const { res } = item
    const current = item
    const start = continuing ? busyUntil : Math.max(performance.now(), busyUntil)
    busyUntil = start + serviceMs
    setTimeout(
      () => {
        busy = false
        if (!current.gone) res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}')
        next(true)
      },
      Math.max(0, busyUntil - performance.now())
    )
  }
  return start((_req, res) => {
    const item = { res, gone: false }
    res.once('close', () => {
      item.gone = true
    })
    queue.push(item)
    next(false)
  })
}

/** Answers 200 after `delayMs` while at most `limit` requests are in, 500 at once past that. */
export function overloadServer(limit: number, delayMs: number): Promise<KnownServer> {
  return start((_req, res, inFlight) => {
    if (inFlight > limit) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end('overloaded')
      return
    }
    setTimeout(() => res.writeHead(200).end('{}'), delayMs)
  })
}

/** Answers 200 after `delayMs` while at most `limit` requests are in, 429 with Retry-After past that. */
export function rateLimitServer(limit: number, delayMs: number): Promise<KnownServer> {
  return start((_req, res, inFlight) => {
    if (inFlight > limit) {
      res.writeHead(429, { 'Retry-After': '1', 'Content-Type': 'text/plain' }).end('slow down')
      return
    }
    setTimeout(() => res.writeHead(200).end('{}'), delayMs)
  })
}

/** Resets every connection once the request has arrived. */
export function resetServer(): Promise<KnownServer> {
  return start((req) => {
    req.socket.resetAndDestroy()
  })
}

/** Holds every request `holdMs`, then answers 200: shows how many were truly in flight. */
export function holdingServer(holdMs: number): Promise<KnownServer> {
  return start((_req, res) => {
    setTimeout(() => res.writeHead(200).end('{}'), holdMs)
  })
}
