/**
 * Loopback peers that misbehave on purpose. Each peer is a raw TCP (or TLS) server, not an HTTP
 * library, so a test controls every byte that goes back and sees every byte that came in.
 */
import { createServer as createNetServer, type Server, type Socket } from 'node:net'
import { createServer as createTlsServer } from 'node:tls'
import { TLS_CERT, TLS_KEY } from './tls'

export interface PeerConnection {
  socket: Socket
  /** The client's port as this peer sees it. */
  remotePort: number
  /**
   * Resolves with the raw request (head and Content-Length body) once it has fully arrived, or
   * with whatever arrived when the client closes first.
   */
  request: Promise<Buffer>
}

/** What a peer does with each accepted connection. */
export type PeerScript = (conn: PeerConnection) => void | Promise<void>

export interface Peer {
  host: string
  port: number
  /** e.g. http://127.0.0.1:1234/ or https://[::1]:1234/ */
  url: string
  /** Raw bytes of each connection's request, in the order they completed. */
  readonly requests: Buffer[]
  /** The client ports of every accepted connection, in accept order. */
  readonly remotePorts: number[]
  /** Connections the client (or the script) has not closed yet. */
  openConnections(): number
  /** Resolves once every accepted connection is closed; rejects after `withinMs`. */
  allClosed(withinMs?: number): Promise<void>
  /** Stops listening and destroys every connection still open. */
  close(): Promise<void>
}

export interface PeerOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** Serve TLS with the self-signed fixture certificate. */
  tls?: boolean
}

const HEAD_END = Buffer.from('\r\n\r\n')

/** Length of a complete request in `data`, or null while more bytes are expected. */
function completeLength(data: Buffer): number | null {
  const end = data.indexOf(HEAD_END)
  if (end === -1) return null
  const head = data.subarray(0, end).toString('latin1')
  const match = /\r\ncontent-length:\s*(\d+)/i.exec(head)
  const total = end + HEAD_END.length + (match ? Number(match[1]) : 0)
  return data.length >= total ? total : null
}

function readRequest(socket: Socket, done: (raw: Buffer) => void): Promise<Buffer> {
  return new Promise((resolve) => {
    let data = Buffer.alloc(0)
    let finished = false
    const finish = (raw: Buffer): void => {
      if (finished) return
      finished = true
      done(raw)
      resolve(raw)
    }
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk])
      const length = completeLength(data)
      if (length !== null) finish(data.subarray(0, length))
    })
    socket.on('close', () => finish(data))
  })
}

/** Starts a peer that runs `script` for every connection. */
export async function startPeer(script: PeerScript, options: PeerOptions = {}): Promise<Peer> {
  const host = options.host ?? '127.0.0.1'
  const sockets = new Set<Socket>()
  const requests: Buffer[] = []
  const remotePorts: number[] = []
  let closedWaiters: (() => void)[] = []

  const track = (socket: Socket): void => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => {
      sockets.delete(socket)
      if (sockets.size === 0) {
        for (const wake of closedWaiters) wake()
        closedWaiters = []
      }
    })
  }
  const serve = (socket: Socket): void => {
    socket.on('error', () => {})
    const remotePort = socket.remotePort ?? 0
    remotePorts.push(remotePort)
    const request = readRequest(socket, (raw) => requests.push(raw))
    void Promise.resolve(script({ socket, remotePort, request })).catch(() => socket.destroy())
  }

  let server: Server
  if (options.tls) {
    const tlsServer = createTlsServer({ cert: TLS_CERT, key: TLS_KEY }, serve)
    tlsServer.on('tlsClientError', () => {})
    server = tlsServer
  } else {
    server = createNetServer(serve)
  }
  server.on('connection', track)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, () => resolve())
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('peer has no TCP address')
  const urlHost = host.includes(':') ? `[${host}]` : host

  return {
    host,
    port: address.port,
    url: `${options.tls ? 'https' : 'http'}://${urlHost}:${address.port}/`,
    requests,
    remotePorts,
    openConnections: () => sockets.size,
    allClosed: (withinMs = 2000) =>
      new Promise<void>((resolve, reject) => {
        if (sockets.size === 0) return resolve()
        const timer = setTimeout(
          () => reject(new Error(`${sockets.size} connection(s) still open after ${withinMs} ms`)),
          withinMs
        )
        closedWaiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

/** Raw HTTP/1.1 response bytes with a correct Content-Length unless one is given. */
export function httpResponse(
  status: number,
  reason: string,
  headers: [string, string][] = [],
  body: string | Buffer = ''
): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  const all = headers.some(([name]) => name.toLowerCase() === 'content-length')
    ? headers
    : [...headers, ['Content-Length', String(bytes.length)] as [string, string]]
  const head = [`HTTP/1.1 ${status} ${reason}`, ...all.map(([n, v]) => `${n}: ${v}`)].join('\r\n')
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), bytes])
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Reads the request, answers with `raw`, then closes (as `Connection: close` asks). */
export function answer(raw: Buffer | string): PeerScript {
  return async ({ socket, request }) => {
    await request
    socket.end(raw)
  }
}

/** Accepts the connection and never says anything. */
export const hang: PeerScript = () => {}

/** Reads the request, then closes the connection without a word (FIN). */
export const drop: PeerScript = async ({ socket, request }) => {
  await request
  socket.destroy()
}

/** Reads the request, then resets the connection (TCP RST). */
export const reset: PeerScript = async ({ socket, request }) => {
  await request
  socket.resetAndDestroy()
}

/**
 * Reads the request, sends `raw` (e.g. headers and part of a body), then closes the connection
 * (`close`: FIN) or resets it (`reset`: RST).
 */
export function cutAfter(raw: Buffer | string, how: 'close' | 'reset' = 'close'): PeerScript {
  return async ({ socket, request }) => {
    await request
    socket.write(raw)
    await wait(20)
    if (how === 'reset') socket.resetAndDestroy()
    else socket.end()
  }
}

/** Reads the request, sends `head`, then one body chunk every `everyMs`, then closes. */
export function trickle(head: Buffer | string, chunks: string[], everyMs: number): PeerScript {
  return async ({ socket, request }) => {
    await request
    socket.write(head)
    for (const chunk of chunks) {
      await wait(everyMs)
      if (socket.destroyed) return
      socket.write(chunk)
    }
    socket.end()
  }
}

/** A loopback port that nothing listens on (it was free a moment ago). */
export async function closedPort(host = '127.0.0.1'): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, () => resolve())
  })
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  return address.port
}

/** Why IPv6 loopback cannot be used here, or null when ::1 can be bound. */
export async function ipv6Unavailable(): Promise<string | null> {
  const server = createNetServer()
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '::1', () => resolve())
    })
    return null
  } catch (err) {
    return `::1 is not bindable on this machine (${err instanceof Error ? err.message : String(err)})`
  } finally {
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
