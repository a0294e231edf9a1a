/**
 * The control server behind `hook-inspector serve`: the same API contract the Electron window
 * uses over IPC, here over HTTP for a browser, plus a live event stream and the built UI.
 *
 * Threat model (as in HTTP Toolkit's api-server): this is a local API that can fire requests at
 * any URL and read captured secrets (hook passwords, Basic credentials, clinical request bodies).
 * Any web page the user visits can make the browser send requests to 127.0.0.1, and a
 * DNS-rebinding page can even make them look same-origin. So:
 * - it listens on loopback only, never on a LAN address;
 * - every API call needs the random token of this start (Authorization: Bearer, or ?token= for
 *   the EventSource stream, which cannot set headers), compared in constant time;
 * - a foreign Origin is refused (403), and so is a Host that is not 127.0.0.1 / localhost /
 *   [::1] with our port (403: DNS rebinding);
 * - JSON bodies are limited in size (413), malformed ones refused (400), non-JSON ones (415);
 * - API answers are never cached (Cache-Control: no-store); the UI page carries a strict CSP.
 * Logic lives in the engine; this file only wires the transport.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type { AddressInfo } from 'node:net'
import { MAX_CONTROL_BODY_BYTES, TOKEN_QUERY_PARAM } from '@shared/http-contract'
import { isAllowedHost, isAllowedOrigin } from './access-guard'
import { errorBody, handleError, handleNotFound } from './api-errors'
import { registerApiRoutes } from './api-routes'
import type { ControlEngine } from './control-engine'
import { registerEventStream, type EventStreamOptions } from './event-stream'
import { registerExportRoutes, registerImportRoute } from './share-routes'
import type { RouteAccess } from './route-access'
import { registerStaticUi } from './static-ui'
import { bearerToken, tokensEqual } from './token'
import { errorMessage } from '@shared/error-message'

export type { ControlEngine } from './control-engine'

export interface ControlServerOptions {
  engine: ControlEngine
  /** Required on every API call; a fresh random one per start (see newControlToken). */
  token: string
  /** The built renderer (out/renderer); null serves no UI. */
  staticDir: string | null
  /** The port the server listens on (0: a free one; the Host check uses the actual port). */
  port: number
  /** Event stream tuning, for tests. */
  events?: EventStreamOptions
}

/** Loopback names the control server may bind to. */
export const CONTROL_HOSTS = ['127.0.0.1', '::1', 'localhost'] as const

function deny(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send(errorBody(message))
}

/** The path as routed, lower-cased and percent-decoded, to spot API paths in any spelling. */
function looksLikeApi(url: string): boolean {
  const path = url.split('?')[0] ?? ''
  let decoded = path
  try {
    decoded = decodeURIComponent(path)
  } catch {
    // An undecodable path is judged as sent.
  }
  return /^\/+api(\/|$)/i.test(decoded)
}

function presentedToken(request: FastifyRequest, access: RouteAccess): string | null {
  const bearer = bearerToken(request.headers.authorization)
  if (bearer !== null || access !== 'bearer-or-query') return bearer
  const value = (request.query as Record<string, unknown> | undefined)?.[TOKEN_QUERY_PARAM]
  return typeof value === 'string' ? value : null
}

/**
 * Builds the control server without listening, so tests can use inject and the caller decides
 * where it listens (startControlServer: loopback only).
 */
export function buildControlServer(options: ControlServerOptions): FastifyInstance {
  if (options.token === '') throw new Error('The control server needs a non-empty token.')
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_CONTROL_BODY_BYTES,
    // On close, in-flight calls (a fire waiting out a 300 s timeout) must not hold the exit.
    forceCloseConnections: true,
    // No implicit HEAD routes: a HEAD on the event stream would hold a connection for nothing.
    exposeHeadRoutes: false
  })
  const currentPort = (): number => {
    const address = app.server.address() as AddressInfo | null
    return address && typeof address === 'object' ? address.port : options.port
  }

  // A cross-site page may send text/plain without a preflight; only JSON is accepted.
  app.removeContentTypeParser('text/plain')
  app.setErrorHandler(handleError)
  app.setNotFoundHandler(handleNotFound)

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff')
    // The UI's address carries the token: no link or resource request may leak it as Referer.
    reply.header('Referrer-Policy', 'no-referrer')
    const api = looksLikeApi(request.url)
    if (api) reply.header('Cache-Control', 'no-store')

    const port = currentPort()
    if (!isAllowedHost(request.headers.host, port)) {
      return deny(
        reply,
        403,
        `Forbidden: this server answers only to 127.0.0.1:${port}, localhost:${port} or [::1]:${port}.`
      )
    }
    if (!isAllowedOrigin(request.headers.origin, port)) {
      return deny(reply, 403, 'Forbidden: requests from other origins are not allowed.')
    }
    let access: RouteAccess = request.routeOptions.config?.access ?? 'public'
    // Anything under /api is the API, routed or not: a probe learns nothing without the token.
    if (api && access === 'public') access = 'bearer'
    if (access === 'public') return
    const token = presentedToken(request, access)
    if (token === null) {
      reply.header('WWW-Authenticate', 'Bearer')
      return deny(reply, 401, 'Missing token: open the address printed by `hook-inspector serve`.')
    }
    if (!tokensEqual(token, options.token)) {
      reply.header('WWW-Authenticate', 'Bearer error="invalid_token"')
      return deny(
        reply,
        401,
        'Wrong token: open the address printed by this run of `hook-inspector serve`.'
      )
    }
  })

  registerApiRoutes(app, options.engine)
  registerExportRoutes(app, options.engine)
  registerImportRoute(app, options.engine)
  registerEventStream(app, options.engine, options.events)
  registerStaticUi(app, options.staticDir)
  return app
}

/** Why the control server could not listen, naming the port. */
export class ControlListenError extends Error {
  override readonly name = 'ControlListenError'
  constructor(
    message: string,
    readonly code: string,
    readonly port: number,
    readonly host: string
  ) {
    super(message)
  }
}

export interface RunningControlServer {
  host: string
  port: number
  /** e.g. http://127.0.0.1:4701/ */
  url: string
  /** The UI address with the token: what the user opens. */
  uiUrl: string
  app: FastifyInstance
  /** Ends event streams and open connections, then stops listening. */
  close(): Promise<void>
}

function originFor(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`
}

/**
 * Builds the control server and listens on loopback (default 127.0.0.1). Any other host is
 * refused outright: exposing this API to the network would hand out the captured secrets.
 */
export async function startControlServer(
  options: ControlServerOptions & { host?: string }
): Promise<RunningControlServer> {
  const host = options.host ?? '127.0.0.1'
  if (!(CONTROL_HOSTS as readonly string[]).includes(host)) {
    throw new ControlListenError(
      `The control server listens on loopback only (${CONTROL_HOSTS.join(', ')}), not on ${host}.`,
      'address',
      options.port,
      host
    )
  }
  const app = buildControlServer(options)
  try {
    await app.listen({ host, port: options.port })
  } catch (error) {
    await app.close().catch(() => undefined)
    const code = (error as NodeJS.ErrnoException).code ?? 'other'
    const message =
      code === 'EADDRINUSE'
        ? `Port ${options.port} on ${host} is already in use. Choose another port (0 picks a free one).`
        : code === 'EACCES' || code === 'EPERM'
          ? `Port ${options.port} on ${host} needs permissions this user does not have. Choose a port above 1023.`
          : `Cannot listen on port ${options.port} on ${host}: ${errorMessage(error)}`
    throw new ControlListenError(message, code, options.port, host)
  }
  const { port } = app.server.address() as AddressInfo
  const url = `${originFor(host, port)}/`
  let closing: Promise<void> | null = null
  return {
    host,
    port,
    url,
    uiUrl: `${url}?${TOKEN_QUERY_PARAM}=${encodeURIComponent(options.token)}`,
    app,
    close() {
      closing ??= app.close().then(() => undefined)
      return closing
    }
  }
}
