import { connect, type Socket } from 'node:net'
import { performance } from 'node:perf_hooks'

/**
 * A tiny HTTP/1.1 client over a raw TCP socket, for tests that must see exactly what a client
 * experiences: the bytes as they arrive and when, and whether the connection ended with a clean
 * close, a reset or an error. Nothing is parsed or retried behind the test's back.
 */

export interface RawChunk {
  /** Milliseconds since the connection was opened. */
  atMs: number
  data: Buffer
}

export interface RawEnd {
  /** closed: the peer closed (FIN); reset: ECONNRESET; error: any other socket error. */
  how: 'closed' | 'reset' | 'error'
  code: string | null
  atMs: number
}

export interface RawResponse {
  status: number
  statusText: string
  httpVersion: string
  /** Names as sent, order and duplicates kept. */
  headers: [string, string][]
  body: Buffer
  /** The head and the complete body (by Content-Length) have arrived. */
  complete: boolean
}

export interface RawRequestSpec {
  method?: string
  path?: string
  /** Sent in this order; Host is added first unless given. */
  headers?: [string, string][]
  body?: string | Uint8Array
  /** Adds Content-Length from the body unless a Content-Length or Transfer-Encoding is given. */
  contentLength?: boolean
}

/** Formats a request exactly as given (plus Host and Content-Length when missing). */
export function formatRequest(spec: RawRequestSpec): Buffer {
  const method = spec.method ?? 'GET'
  const headers = [...(spec.headers ?? [])]
  const has = (name: string): boolean => headers.some(([n]) => n.toLowerCase() === name)
  if (!has('host')) headers.unshift(['Host', 'localhost'])
  const body =
    spec.body === undefined
      ? Buffer.alloc(0)
      : typeof spec.body === 'string'
        ? Buffer.from(spec.body, 'utf8')
        : Buffer.from(spec.body)
  if (
    spec.contentLength !== false &&
    spec.body !== undefined &&
    !has('content-length') &&
    !has('transfer-encoding')
  ) {
    headers.push(['Content-Length', String(body.length)])
  }
  let head = `${method} ${spec.path ?? '/'} HTTP/1.1\r\n`
  for (const [name, value] of headers) head += `${name}: ${value}\r\n`
  return Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), body])
}

/** Parses one response from the start of `data`; null until the whole head has arrived. */
export function parseResponse(data: Buffer): RawResponse | null {
  const headEnd = data.indexOf('\r\n\r\n')
  if (headEnd === -1) return null
  const lines = data.subarray(0, headEnd).toString('latin1').split('\r\n')
  const match = /^HTTP\/(\d\.\d) (\d{3}) ?(.*)$/.exec(lines[0] ?? '')
  if (!match) throw new Error(`not an HTTP response: ${JSON.stringify(lines[0])}`)
  const headers: [string, string][] = lines.slice(1).map((line) => {
    const colon = line.indexOf(':')
    return [line.slice(0, colon), line.slice(colon + 1).trim()]
  })
  const lengthHeader = headers.find(([n]) => n.toLowerCase() === 'content-length')
  const length = lengthHeader ? Number(lengthHeader[1]) : 0
  const body = data.subarray(headEnd + 4, headEnd + 4 + length)
  return {
    httpVersion: match[1] as string,
    status: Number(match[2]),
    statusText: match[3] as string,
    headers,
    body,
    complete: body.length === length
  }
}

export class RawClient {
  readonly chunks: RawChunk[] = []
  /** Settles when the connection is over, however it ended. */
  readonly ended: Promise<RawEnd>
  private readonly startedAt = performance.now()
  private endInfo: RawEnd | null = null
  private readonly waiters = new Set<() => void>()

  private constructor(private readonly socket: Socket) {
    socket.on('data', (data: Buffer) => {
      this.chunks.push({ atMs: this.now(), data })
      this.notify()
    })
    this.ended = new Promise((resolve) => {
      let error: NodeJS.ErrnoException | null = null
      socket.on('error', (err: NodeJS.ErrnoException) => (error = err))
      socket.on('close', () => {
        const code = error?.code ?? null
        const how = error === null ? 'closed' : code === 'ECONNRESET' ? 'reset' : 'error'
        this.endInfo = { how, code, atMs: this.now() }
        this.notify()
        resolve(this.endInfo)
      })
    })
  }

  /** Opens a connection to a loopback port. */
  static open(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host, noDelay: true })
      socket.once('connect', () => {
        socket.off('error', reject)
        resolve(new RawClient(socket))
      })
      socket.once('error', reject)
    })
  }

  /** Milliseconds since the connection was opened. */
  now(): number {
    return performance.now() - this.startedAt
  }

  get localPort(): number {
    return this.socket.localPort ?? 0
  }

  write(data: string | Uint8Array): void {
    this.socket.write(data)
  }

  send(spec: RawRequestSpec): void {
    this.socket.write(formatRequest(spec))
  }

  /** Every byte received so far. */
  received(): Buffer {
    return Buffer.concat(this.chunks.map((c) => c.data))
  }

  /** Resolves true as soon as the check passes (or the connection ended), false after timeoutMs. */
  waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
    if (check()) return Promise.resolve(true)
    return new Promise((resolve) => {
      const done = (result: boolean): void => {
        clearTimeout(timer)
        this.waiters.delete(listener)
        resolve(result)
      }
      const listener = (): void => {
        if (check()) done(true)
        else if (this.endInfo !== null) done(false)
      }
      const timer = setTimeout(() => done(false), timeoutMs)
      this.waiters.add(listener)
    })
  }

  /** Waits for a complete response (by Content-Length); throws if none arrives in time. */
  async response(timeoutMs = 2000): Promise<RawResponse> {
    const complete = (): boolean => parseResponse(this.received())?.complete === true
    await this.waitFor(complete, timeoutMs)
    const response = parseResponse(this.received())
    if (!response?.complete) {
      throw new Error(
        `no complete response within ${timeoutMs} ms (got ${this.received().length} bytes, end: ${JSON.stringify(this.endInfo)})`
      )
    }
    return response
  }

  /** The end of the connection if it comes within timeoutMs, else null. */
  async endWithin(timeoutMs: number): Promise<RawEnd | null> {
    await this.waitFor(() => this.endInfo !== null, timeoutMs)
    return this.endInfo
  }

  destroy(): void {
    this.socket.destroy()
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter()
  }
}
