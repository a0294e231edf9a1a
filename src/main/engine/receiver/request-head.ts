import { maxHeaderSize, type IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'

/**
 * Bytes of a request's head kept per connection: its request line and the first of its header
 * lines. Enough to say what a refused request was; bounded, because a flood of connections that
 * never finish their headers would otherwise hold up to Node's header limit each.
 */
const HEAD_KEEP = 8 * 1024

/** A request line: method, target, version. */
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}) ([\x21-\x7e]{1,8192}) HTTP\/(\d\.\d)$/
/** A header line: name and value (surrounding whitespace trimmed, as Node does). */
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/

/** What could be read of a request head: empty strings and no headers where nothing was. */
export interface RequestHead {
  method: string
  target: string | null
  httpVersion: string
  headers: [string, string][]
}

interface HeadState {
  chunks: Buffer[]
  bytes: number
  /** Between requests or in a head: bytes are kept; in a body: not. */
  keeping: boolean
  /** A request's head ended in the chunk being read: that chunk is not the next head. */
  headEnded: boolean
}

/**
 * Keeps the bytes of the request head each connection is reading, so a request Node's parser
 * refuses or times out on (a 408 gives no bytes at all) can still be recorded with its method,
 * path and headers as far as they arrived. Listening for data moves the connection's parsing from
 * Node's native fast path to JavaScript; the parser still reads every byte first.
 */
export class RequestHeads {
  private readonly states = new WeakMap<Socket, HeadState>()

  /** Starts keeping the head bytes of a new connection. */
  watch(socket: Socket): void {
    const state: HeadState = { chunks: [], bytes: 0, keeping: true, headEnded: false }
    this.states.set(socket, state)
    // Registered after Node's own listener: the parser has read the chunk when this runs.
    socket.on('data', (chunk: Buffer) => {
      if (state.headEnded) {
        state.headEnded = false
        return
      }
      if (!state.keeping || state.bytes >= HEAD_KEEP) return
      const kept = Buffer.from(chunk.subarray(0, HEAD_KEEP - state.bytes))
      state.chunks.push(kept)
      state.bytes += kept.length
    })
  }

  /** A request's head was read: its body is not kept; the next head is, once the body is read. */
  requestStarted(req: IncomingMessage): void {
    const state = this.states.get(req.socket)
    if (!state) return
    state.chunks = []
    state.bytes = 0
    state.keeping = false
    state.headEnded = true
    const resume = (): void => {
      state.keeping = true
    }
    if (req.complete) resume()
    else req.once('end', resume)
  }

  /** The head bytes read so far on this connection's current request (empty when none). */
  bytesOf(socket: Socket): Buffer {
    const state = this.states.get(socket)
    return state ? Buffer.concat(state.chunks) : Buffer.alloc(0)
  }
}

/**
 * Reads what there is of a request head: the request line when it arrived whole, and each header
 * line that arrived whole after it within Node's header limit (a line cut off by the timeout or
 * the limit is left out).
 */
export function parseRequestHead(raw: Buffer): RequestHead {
  const text = raw.subarray(0, maxHeaderSize).toString('latin1')
  const lines = text.split('\n')
  // The last piece has no line end yet: it is incomplete.
  const complete = lines.slice(0, -1).map((line) => line.replace(/\r$/, ''))
  const line = complete.length > 0 ? REQUEST_LINE.exec(complete[0]!) : null
  if (!line) return { method: '', target: null, httpVersion: '', headers: [] }
  const headers: [string, string][] = []
  for (const header of complete.slice(1)) {
    if (header === '') break
    const match = HEADER_LINE.exec(header)
    if (!match) break
    headers.push([match[1]!, match[2]!])
  }
  return { method: line[1]!, target: line[2]!, httpVersion: line[3]!, headers }
}
