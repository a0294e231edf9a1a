import { createServer, type RequestListener, type Server } from 'node:http'
import type { Socket } from 'node:net'

export interface ServerTimeouts {
  /** A client must have sent all request headers within this. */
  headersTimeoutMs: number
  /** An idle keep-alive connection is closed after this. */
  idleTimeoutMs: number
}

/**
 * Upper bound on receiving one whole request (headers and body). Generous for a 5 MiB body on a
 * slow link; a body that stalls is cut sooner by the idle timeout of the body reader.
 */
const REQUEST_TIMEOUT_MS = 300_000

/**
 * Keeps every open connection of the receiver's servers so closing can end them all, hung ones
 * included; otherwise a request that is told to hang would keep the receiver alive forever.
 */
export class ConnectionTracker {
  private readonly sockets = new Set<Socket>()
  private closing = false

  track(socket: Socket): void {
    if (this.closing) {
      socket.destroy()
      return
    }
    this.sockets.add(socket)
    socket.once('close', () => this.sockets.delete(socket))
  }

  get size(): number {
    return this.sockets.size
  }

  /** Refuses new connections from now on and destroys the open ones. */
  destroyAll(): void {
    this.closing = true
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
  }
}

/**
 * The HTTP server under Fastify, with the timeouts that stop a slow client from pinning it.
 * Threat: a client that trickles its headers or sits on an idle keep-alive connection would hold
 * a socket forever. The headers timeout and the keep-alive timeout cut those. There is no socket
 * inactivity timeout and the request timeout only runs until the request is fully received, so a
 * response that is told to hang hangs until the client gives up, as the fault promises.
 */
export function createReceiverServer(
  handler: RequestListener,
  timeouts: ServerTimeouts,
  tracker: ConnectionTracker
): Server {
  const headersTimeout = timeouts.headersTimeoutMs
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(REQUEST_TIMEOUT_MS, headersTimeout),
      // How often Node checks the two timeouts above; its default (30 s) would let a 10 s
      // headers timeout run up to 40 s.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 2))),
      keepAliveTimeout: timeouts.idleTimeoutMs,
      noDelay: true
    },
    handler
  )
  server.keepAliveTimeout = timeouts.idleTimeoutMs
  server.timeout = 0
  server.on('connection', (socket: Socket) => tracker.track(socket))
  return server
}
