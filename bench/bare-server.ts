import Fastify from 'fastify'
import type { AddressInfo } from 'node:net'

export interface BareServer {
  /** The hook route, e.g. http://127.0.0.1:4321/hook */
  url: string
  close(): Promise<void>
}

export const HOOK_PATH = '/hook'
const OK_BODY = '{"ok":true}'

/** Keeps the CPU busy for `us` microseconds. */
function busyFor(us: number): void {
  const until = performance.now() + us / 1000
  while (performance.now() < until) continue
}

/**
 * The baseline: a plain Fastify server on loopback answering 200 on the hook route with the
 * same body and content type as the receiver's Healthy behaviour, and doing nothing else, or,
 * for scale, only `extraWorkUs` microseconds of busy work per request besides.
 */
export async function startBareServer(extraWorkUs = 0): Promise<BareServer> {
  const app = Fastify({ logger: false })
  app.post(HOOK_PATH, async (_request, reply) => {
    if (extraWorkUs > 0) busyFor(extraWorkUs)
    return reply.code(200).header('content-type', 'application/json; charset=utf-8').send(OK_BODY)
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${HOOK_PATH}`,
    close: () => app.close().then(() => undefined)
  }
}
