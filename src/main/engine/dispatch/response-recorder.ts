import type { ExchangeResponse } from '@shared/schemas'

/** Turns Node's flat rawHeaders into [name, value] pairs, wire order and casing kept. */
export function pairHeaders(raw: readonly string[]): [string, string][] {
  const pairs: [string, string][] = []
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!])
  return pairs
}

/**
 * Keeps a response's body up to a cap and counts every byte past it, so a huge or endless answer
 * cannot exhaust memory while the true size is still reported.
 */
export class ResponseRecorder {
  private readonly chunks: Buffer[] = []
  private kept = 0
  private size = 0

  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: [string, string][],
    /** The declared Content-Length, or null when the body is chunked or ends with the connection. */
    readonly contentLength: number | null,
    private readonly cap: number
  ) {}

  get bodySize(): number {
    return this.size
  }

  add(chunk: Buffer): void {
    this.size += chunk.length
    const room = this.cap - this.kept
    if (room <= 0) return
    const part = chunk.length <= room ? chunk : chunk.subarray(0, room)
    this.chunks.push(part)
    this.kept += part.length
  }

  /** The response as recorded so far (complete or not). */
  snapshot(): ExchangeResponse {
    return {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
      bodyBase64: Buffer.concat(this.chunks, this.kept).toString('base64'),
      bodySize: this.size,
      truncated: this.size > this.kept
    }
  }
}

/** The declared Content-Length of a response, when it is a plain non-negative integer. */
export function declaredLength(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value.trim())) return null
  return Number(value.trim())
}
