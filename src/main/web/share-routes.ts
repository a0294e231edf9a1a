import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { checkArgs } from '@shared/api-check'
import { exportPath, IMPORT_PATH } from '@shared/http-contract'
import { MAX_IMPORT_BYTES, type ExportRequest, type ImportRequest } from '@shared/sharing'
import { ValidationError } from '@shared/validation'
import type { ControlEngine } from './control-engine'

const FORMATS = ['har', 'bundle'] as const

function argsOf(body: unknown): unknown[] {
  const args = (body as { args?: unknown } | null | undefined)?.args
  if (args === undefined) return []
  if (!Array.isArray(args)) throw new ValidationError('args must be an array', 'args')
  return args
}

/**
 * The browser's export download: the document is streamed from the engine's piece-by-piece
 * writer, so a history of 100,000 entries is never one string in the server, and the receiver
 * keeps answering while it is sent. The first piece is awaited before the answer starts, so a bad
 * request (an unknown id) is still a 400 with its message.
 */
export function registerExportRoutes(app: FastifyInstance, engine: ControlEngine): void {
  for (const format of FORMATS) {
    app.post(exportPath(format), { config: { access: 'bearer' } }, async (request, reply) => {
      const method = format === 'har' ? 'exportHar' : 'exportBundle'
      const [req] = checkArgs(method, argsOf(request.body)) as [ExportRequest]
      const pieces = engine.exportPieces(format, req)[Symbol.asyncIterator]()
      const first = await pieces.next()
      async function* all(): AsyncGenerator<string> {
        if (!first.done) yield first.value
        for (let next = await pieces.next(); !next.done; next = await pieces.next()) {
          yield next.value
        }
      }
      return reply
        .type('application/json; charset=utf-8')
        .send(Readable.from(all(), { objectMode: false }))
    })
  }
}

/** `?allowForwarding=true`: a query flag, true only when spelled so. */
function flag(value: unknown): boolean | undefined {
  if (value === undefined) return undefined
  if (value === 'true') return true
  if (value === 'false') return false
  throw new ValidationError('allowForwarding and preview must be true or false', 'query')
}

/**
 * `POST /api/import` (http-contract.ts IMPORT_PATH): the file itself as the body, up to
 * MAX_IMPORT_BYTES, so what this app exports can be imported from the browser too. Only this
 * route takes a non-JSON body; the file is checked whole by the engine like any import.
 */
export function registerImportRoute(app: FastifyInstance, engine: ControlEngine): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'string', bodyLimit: MAX_IMPORT_BYTES },
      (_request, body, done) => done(null, body)
    )
    scope.post(
      IMPORT_PATH,
      { config: { access: 'bearer' }, bodyLimit: MAX_IMPORT_BYTES },
      async (request) => {
        if (typeof request.body !== 'string') {
          throw new ValidationError('Send the file as application/octet-stream.', 'text')
        }
        const query = request.query as Record<string, unknown>
        const [req] = checkArgs('importFile', [
          {
            text: request.body,
            ...(typeof query.fileName === 'string' ? { fileName: query.fileName } : {}),
            ...(flag(query.allowForwarding) === undefined
              ? {}
              : { allowForwarding: flag(query.allowForwarding) }),
            ...(flag(query.preview) === undefined ? {} : { preview: flag(query.preview) })
          }
        ]) as [ImportRequest]
        return { result: await engine.importFile(req) }
      }
    )
  })
}
