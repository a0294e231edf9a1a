import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { ApiErrorBody } from '@shared/api'
import { MAX_CONTROL_BODY_BYTES } from '@shared/http-contract'
import { ValidationError } from '@shared/validation'

/** The JSON shape of every failed call (src/shared/api.ts ApiErrorBody). */
export function errorBody(message: string, field: string | null = null): ApiErrorBody {
  return { error: { message, field } }
}

function isValidationError(error: unknown): error is ValidationError {
  return error instanceof ValidationError || (error as Error | null)?.name === 'ValidationError'
}

/** Maps a thrown error to a status and a message a user can act on. Never a stack trace. */
export function describeError(error: unknown): { status: number; body: ApiErrorBody } {
  if (isValidationError(error)) {
    return { status: 400, body: errorBody(error.message, error.field ?? null) }
  }
  const e = error as Partial<FastifyError> | null
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: errorBody(`The request body is larger than ${MAX_CONTROL_BODY_BYTES} bytes.`)
      }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: errorBody('Send the request body as application/json.') }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: errorBody('The request body is empty; send {"args": [...]}.') }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, body: errorBody('The request body is not valid JSON.') }
  }
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500
  if (status === 400 && error instanceof SyntaxError) {
    return { status, body: errorBody('The request body is not valid JSON.') }
  }
  const message = error instanceof Error && error.message !== '' ? error.message : 'Internal error'
  return { status: status >= 400 && status < 600 ? status : 500, body: errorBody(message) }
}

/** Fastify error handler: every failure becomes `{"error": {"message", "field"}}`. */
export function handleError(error: unknown, _request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = describeError(error)
  void reply.code(status).type('application/json; charset=utf-8').send(body)
}

/** Fastify not-found handler, in the same shape. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  const path = request.url.split('?')[0] ?? ''
  void reply.code(404).send(errorBody(`Not found: ${request.method} ${path}`))
}
