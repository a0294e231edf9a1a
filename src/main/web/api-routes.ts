import type { FastifyInstance } from 'fastify'
import { API_METHODS } from '@shared/api'
import { checkArgs } from '@shared/api-check'
import { apiPath, API_PATH_PREFIX } from '@shared/http-contract'
import { ValidationError } from '@shared/validation'
import { errorBody } from './api-errors'
import type { ControlEngine } from './control-engine'

/** The arguments of a call: `{"args": [...]}`; an empty body means no arguments. */
function argsOf(body: unknown): unknown[] {
  if (body === undefined || body === null) return []
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError('The request body must be a JSON object {"args": [...]}.', 'args')
  }
  const args = (body as { args?: unknown }).args
  if (args === undefined) return []
  if (!Array.isArray(args)) throw new ValidationError('args must be an array', 'args')
  return args
}

/**
 * `POST /api/<method>` for every method of the API table: the API over HTTP, a thin transport.
 * Nothing else on the engine is reachable. The arguments are checked by the API's one checker
 * (src/shared/api-check.ts), the same function the IPC handlers and the engine use, and a failure
 * is sent as its message and field: that is what makes both transports report a bad call alike.
 */
export function registerApiRoutes(app: FastifyInstance, engine: ControlEngine): void {
  for (const method of API_METHODS) {
    app.post(apiPath(method), { config: { access: 'bearer' } }, async (request) => {
      const args = checkArgs(method, argsOf(request.body)) as unknown[]
      const fn = engine[method] as unknown as (...a: unknown[]) => Promise<unknown>
      const result = await fn.apply(engine, args)
      return { result: result ?? null }
    })
  }
  // Any other name under /api/ is answered with the list of methods there are.
  app.post<{ Params: { method: string } }>(
    `${API_PATH_PREFIX}:method`,
    { config: { access: 'bearer' } },
    async (request, reply) => {
      const known = API_METHODS.join(', ')
      return reply
        .code(404)
        .send(errorBody(`Unknown API method "${request.params.method}". Known: ${known}.`))
    }
  )
}
