import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse
} from 'node:http'
import type { Socket } from 'node:net'
import { RequestHeads } from './request-head'

export interface ServerTimeouts {
  /** A client must have sent all request headers within this. */
  headersTimeoutMs: number
  /** An idle keep-alive connection is closed after this. */
  idleTimeoutMs: number
  /** Connections open at once; a new one past it is closed at once (see connection-cap.ts). */
  maxConnections: number
  /** Told of each connection closed for being over maxConnections. */
  onRefused: () => void
}

/**
 * Upper bound on receiving one whole request (headers and body). Generous for a 5 MiB body on a
 * slow link; a body that stalls is cut sooner by the idle timeout of the body reader.
 */
const REQUEST_TIMEOUT_MS = 300_000

/** How long a connection ended by the receiver may wait for the client's side to close. */
const LINGER_MS = 1000

interface ConnectionState {
  /** Requests received on the connection whose responses have not closed yet. */
  inFlight: number
  /** The request received last. */
  last: IncomingMessage | null
  /** End the connection once no request is in flight. */
  closeWhenIdle: boolean
}

/**
 * Keeps every open connection of the receiver's servers so closing can end them all, hung ones
 * included; otherwise a request that is told to hang would keep the receiver alive forever.
 */
export class ConnectionTracker {
  private readonly sockets = new Set<Socket>()
  private readonly states = new WeakMap<Socket, ConnectionState>()
  private closing = false
  /** What each connection's current request head brought so far, for refusals. */
  readonly heads = new RequestHeads()

  track(socket: Socket): void {
    if (this.closing) {
      socket.destroy()
      return
    }
    this.heads.watch(socket)
    this.sockets.add(socket)
    socket.once('close', () => this.sockets.delete(socket))
  }

  get size(): number {
    return this.sockets.size
  }

  /** A request arrived; it is in flight until its response is sent or abandoned. */
  requestStarted(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket
    this.heads.requestStarted(req)
    let state = this.states.get(socket)
    if (!state) {
      state = { inFlight: 0, last: null, closeWhenIdle: false }
      this.states.set(socket, state)
    }
    const s = state
    s.inFlight++
    s.last = req
    res.once('close', () => {
      s.inFlight--
      if (s.inFlight === 0 && s.closeWhenIdle) endSoon(socket)
    })
  }

  /** Whether a request on this connection is still waiting for its answer. */
  hasRequestInFlight(socket: Socket): boolean {
    return (this.states.get(socket)?.inFlight ?? 0) > 0
  }

  /** The connection's last request while its body is still arriving, else null. */
  receivingBodyOf(socket: Socket): IncomingMessage | null {
    const state = this.states.get(socket)
    if (state === undefined || state.inFlight === 0 || state.last?.complete !== false) return null
    return state.last
  }

  /** Whether the receiver is closing (it, not the client, is ending the connections). */
  get isClosing(): boolean {
    return this.closing
  }

  /**
   * Ends the connection once every request received on it is answered (at once when none is in
   * flight), so answers already promised, and recorded, still go out in order.
   */
  closeWhenIdle(socket: Socket): void {
    const state = this.states.get(socket)
    if (!state || state.inFlight === 0) {
      endSoon(socket)
      return
    }
    state.closeWhenIdle = true
  }

  /** Refuses new connections from now on and destroys the open ones. */
  destroyAll(): void {
    this.closing = true
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
  }
}

/**
 * Half-closes a connection (after writing `last`, if given), and destroys it if the client does
 * not close its side soon. What the client still sends meanwhile is read and dropped: closing a
 * socket with unread input makes the kernel send a reset that can destroy the answer in flight.
 */
export function endSoon(socket: Socket, last?: Buffer): void {
  if (socket.destroyed) return
  if (last) socket.end(last)
  else socket.end()
  socket.resume()
  const timer = setTimeout(() => socket.destroy(), LINGER_MS)
  socket.once('close', () => clearTimeout(timer))
}

/**
 * The HTTP server under Fastify, with the timeouts that stop a slow client from pinning it.
 * Threat: a client that trickles its headers or sits on an idle keep-alive connection would hold
 * a socket forever. The headers timeout and the keep-alive timeout cut those. There is no socket
 * inactivity timeout and the request timeout only runs until the request is fully received, so a
 * response that is told to hang hangs until the client gives up, as the fault promises. A flood
 * of connections is held below the process's open-files limit by maxConnections.
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
      // The receiver refuses a missing Host itself, so that the refusal is recorded too.
      requireHostHeader: false,
      noDelay: true
    },
    handler
  )
  server.keepAliveTimeout = timeouts.idleTimeoutMs
  server.timeout = 0
  // A client may half-close (shut down its sending side) right after a complete request, as
  // `nc -N` and some HTTP/1.0 clients do. Node would then end the connection before the answer,
  // which waits for the journal, is written, and the capture would record an answer never sent.
  // Allowed half-open, Node sends the answer and then ends the connection.
  ;(server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true
  // Node closes a connection over the cap as soon as it is accepted, and says so with 'drop'.
  server.maxConnections = timeouts.maxConnections
  server.on('drop', () => timeouts.onRefused())
  server.on('connection', (socket: Socket) => tracker.track(socket))
  server.on('request', (req: IncomingMessage, res: ServerResponse) =>
    tracker.requestStarted(req, res)
  )
  return server
}
