import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { checkArgs } from '../../shared/api-check'
import { exportPath } from '../../shared/http-contract'
import type { ExportRequest } from '../../shared/sharing'
import { ValidationError } from '../../shared/validation'
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
