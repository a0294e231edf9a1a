import { fireHook } from '@shared/hook-record'
import { targetsReceiver } from '../loopback'
import type { ForwardRequest, ForwardResult, RunningReceiver, Send } from '../ports'

/** How long a forwarding leg waits for the target; the caller's own timeout applies on top. */
export const FORWARD_TIMEOUT_S = 30

/**
 * Forwarding (the receiver in the middle): a captured request sent on to the target as an
 * exchange of its own (linked by forwardOf), and the target's answer handed back to the receiver.
 */
export class ForwardingService {
  constructor(
    private readonly receiver: () => RunningReceiver | null,
    private readonly send: Send
  ) {}

  /** A target that is the receiver itself is refused: it would forward to itself forever. */
  async forward(request: ForwardRequest): Promise<ForwardResult> {
    const running = this.receiver()
    if (running && targetsReceiver(new URL(request.url), running)) {
      return {
        exchangeId: null,
        response: null,
        error: `The forwarding target ${request.url} is this receiver itself; forwarding it would loop.`
      }
    }
    const ex = await this.send({
      hook: fireHook({ name: 'Forwarding', url: request.url, timeoutSeconds: FORWARD_TIMEOUT_S }),
      event: request.event ?? 'insert',
      // Text for the record; the bytes themselves go on the wire unchanged.
      body: request.body.toString('utf8'),
      origin: 'forward',
      forwardOf: request.captureId,
      wire: { method: request.method, extraHeaders: request.headers, rawBody: request.body }
    })
    const complete = ex.response !== null && (ex.error === null || ex.error.kind === 'http-status')
    if (!complete || ex.response === null) {
      const why = ex.error ? `${ex.error.kind}: ${ex.error.message}` : 'no answer'
      return { exchangeId: ex.id, response: null, error: `The target did not answer (${why}).` }
    }
    if (ex.response.truncated) {
      return {
        exchangeId: ex.id,
        response: null,
        error: `The target's answer (${ex.response.bodySize} bytes) is too big to pass on.`
      }
    }
    return {
      exchangeId: ex.id,
      response: {
        status: ex.response.status,
        headers: ex.response.headers,
        body: Buffer.from(ex.response.bodyBase64, 'base64')
      },
      error: null
    }
  }
}
