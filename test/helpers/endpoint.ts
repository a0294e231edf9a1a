import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { TLS_CERT, TLS_KEY } from './tls'

export interface Endpoint {
  url: string
  /** How many requests reached it. */
  hits: () => number
  close: () => Promise<void>
}

/** `tls`: true for the self-signed fixture, or the certificate to present. */
export interface EndpointOptions {
  tls?: boolean | { cert: string; key: string }
  /** The loopback address to listen on (default 127.0.0.1). */
  host?: string
  /** The port to listen on (default: a free one). */
  port?: number
  /** How many connections may wait to be accepted (default: Node's). */
  backlog?: number
}

export type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void

/** An endpoint built for one test, on a free loopback port, answering as `handler` says. */
export async function startEndpoint(
  handler: Handler,
  options: EndpointOptions = {}
): Promise<Endpoint> {
  let hits = 0
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      hits += 1
      handler(req, Buffer.concat(chunks).toString('utf8'), res)
    })
  }
  const pem = options.tls === true ? { cert: TLS_CERT, key: TLS_KEY } : options.tls || null
  const server = pem ? createHttpsServer(pem, onRequest) : createHttpServer(onRequest)
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve) =>
    server.listen({ port: options.port ?? 0, host, backlog: options.backlog }, resolve)
  )
  const { port } = server.address() as AddressInfo
  const shown = host.includes(':') ? `[${host}]` : host
  return {
    url: `${pem ? 'https' : 'http'}://${shown}:${port}/hook`,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

const EXPECTED = `Basic ${Buffer.from('study@example.org:s3cret').toString('base64')}`

/** A good TrialKit receiver: checks credentials, answers 200 to events and 400 to the rest. */
export const good: Handler = (req, body, res) => {
  if (req.headers.authorization !== EXPECTED) {
    res.writeHead(401, { 'WWW-Authenticate': 'Basic' }).end()
    return
  }
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    res.writeHead(400).end('malformed')
    return
  }
  const o = json as Record<string, unknown>
  if (o.OnInsert !== true && o.OnUpdate !== true && o.OnReview !== true) {
    res.writeHead(400).end('unknown event')
    return
  }
  res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}')
}

export const CREDENTIALS = { email: 'study@example.org', password: 's3cret' }
