import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DEFAULT_BODY_LIMIT, STORED_BODY_CAP } from '@shared/schemas'
import type { ListenOptions, ReceiverOptions, RunningReceiver } from '../ports'
import { createClientErrorHandler } from './client-error'
import { openFilesLimit, receiverConnectionCap } from './connection-cap'
import { ConnectionTracker, createReceiverServer } from './connections'
import { toListenError } from './listen-error'
import { readBody, StallWatch, type BodyRead } from './read-body'
import { createReceiveHandler } from './receive'
import { createConnectHandler, createExpectationHandler } from './unrouted'

export { ReceiverListenError, type ReceiverListenErrorCode } from './listen-error'
export { pickDelay, resolveBehavior, type ResolvedAnswer } from './resolve-behavior'

export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000

/**
 * The embedded receiver as a Fastify instance that is not listening yet, so the engine, the CLI
 * and tests can each decide where it listens (or use inject). Every method on every path ends in
 * one handler that captures the request byte-exact and answers as the current behaviour says.
 */
export function buildReceiver(options: ReceiverOptions): FastifyInstance {
  const limits = {
    cap: options.storedBodyCap ?? STORED_BODY_CAP,
    limit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
    idleMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS
  }
  const maxConnections = options.maxConnections ?? receiverConnectionCap(openFilesLimit())
  const timeouts = {
    headersTimeoutMs: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
    idleTimeoutMs: limits.idleMs,
    maxConnections,
    onRefused: () => options.onConnectionRefused?.(maxConnections)
  }
  const tracker = new ConnectionTracker()
  const stalls = new StallWatch(limits.idleMs)
  const receive = createReceiveHandler({
    getBehavior: options.getBehavior,
    onCapture: options.onCapture,
    onUnfinished: options.onUnfinished,
    isClosing: () => tracker.isClosing,
    forward: options.forward,
    random: options.random ?? Math.random,
    limits,
    stalls
  })

  const app = Fastify({
    logger: false,
    // The body limit is enforced by the receiver's own reader (413, still recorded), never by
    // Fastify, whose rejection would skip the capture.
    bodyLimit: Number.MAX_SAFE_INTEGER,
    exposeHeadRoutes: false,
    forceCloseConnections: false,
    serverFactory: (handler) => createReceiverServer(handler, timeouts, tracker),
    // Requests Node's parser refuses (oversized or malformed headers, too slow) are answered and
    // recorded too; Fastify's default would answer without a capture.
    clientErrorHandler: createClientErrorHandler({
      onCapture: options.onCapture,
      headersTimeoutMs: timeouts.headersTimeoutMs,
      tracker
    }),
    // A path Fastify's router cannot decode is still a request to capture and answer.
    frameworkErrors: (_error, request, reply) => {
      void receive(request, reply)
    }
  })

  // Requests Node answers or drops before any route: an unmet Expect, and CONNECT.
  const unrouted = { getBehavior: options.getBehavior, onCapture: options.onCapture }
  app.server.on('checkExpectation', createExpectationHandler(unrouted))
  app.server.on('connect', createConnectHandler(unrouted))

  // Bodies are kept raw: no JSON or text parsing, no decompression, any content type or none.
  app.removeAllContentTypeParsers()
  const parseRaw = (request: FastifyRequest, payload: IncomingMessage): Promise<BodyRead> =>
    readBody(request.raw, payload, limits, stalls)
  app.addContentTypeParser('*', parseRaw)
  // Fastify refuses some requests before any handler runs (e.g. a malformed Content-Type is 415);
  // the receiver captures and answers those like any other.
  app.setErrorHandler((_error, request, reply) => receive(request, reply))
  app.setNotFoundHandler(receive)
  app.route({ method: app.supportedMethods, url: '/', handler: receive })
  app.route({ method: app.supportedMethods, url: '/*', handler: receive })
  app.addHook('preClose', (done) => {
    tracker.destroyAll()
    stalls.stop()
    done()
  })
  return app
}

function urlFor(host: string, port: number): string {
  const shown = host.includes(':') ? `[${host}]` : host
  return `http://${shown}:${port}/`
}

/**
 * Builds the receiver and listens on host:port (0 picks a free port). A port that is taken or not
 * allowed becomes a ReceiverListenError naming it. close() ends every open connection, hung ones
 * included, and can be called any number of times.
 */
export async function startReceiver(
  options: ReceiverOptions & ListenOptions
): Promise<RunningReceiver> {
  const app = buildReceiver(options)
  try {
    await app.listen({ host: options.host, port: options.port })
  } catch (error) {
    await app.close().catch(() => undefined)
    throw toListenError(error, options.host, options.port)
  }
  const { port } = app.server.address() as AddressInfo
  let closing: Promise<void> | null = null
  return {
    host: options.host,
    port,
    url: urlFor(options.host, port),
    close() {
      closing ??= app.close().then(() => undefined)
      return closing
    }
  }
}
