import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { API_ARGS, API_METHODS, isApiMethod, type ApiMethod } from '../../shared/api'
import { API_PATH_PREFIX } from '../../shared/http-contract'
import { describeIssues, ValidationError } from '../../shared/validation'
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
 * Validates a method's arguments against the contract and names the bad field the way the engine
 * does (without the argument's position, e.g. "hook.url"), so both transports report alike.
 */
function checkArgs(method: ApiMethod, args: unknown[]): void {
  const result = (API_ARGS[method] as z.ZodType).safeParse(args)
  if (result.success) return
  const issues = result.error.issues.map((issue) =>
    typeof issue.path[0] === 'number' ? { ...issue, path: issue.path.slice(1) } : issue
  )
  throw describeIssues(new z.ZodError(issues))
}

/**
 * `POST /api/<method>`: the API contract over HTTP, a thin transport. The method must be one of
 * the contract's (nothing else on the engine is reachable), the arguments are validated before
 * the engine sees them, and the engine validates again as its own boundary.
 */
export function registerApiRoutes(app: FastifyInstance, engine: ControlEngine): void {
  app.post<{ Params: { method: string } }>(
    `${API_PATH_PREFIX}:method`,
    { config: { access: 'bearer' } },
    async (request, reply) => {
      const name = request.params.method
      if (!isApiMethod(name)) {
        return reply
          .code(404)
          .send(errorBody(`Unknown API method "${name}". Known: ${API_METHODS.join(', ')}.`))
      }
      const args = argsOf(request.body)
      checkArgs(name, args)
      const fn = engine[name] as (...a: unknown[]) => Promise<unknown>
      const result = await fn.apply(engine, args)
      return { result: result ?? null }
    }
  )
}
