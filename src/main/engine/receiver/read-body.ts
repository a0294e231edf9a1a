import type { IncomingMessage } from 'node:http'
import type { Readable } from 'node:stream'

/** A request body as read off the wire: the bytes kept and what the client really sent. */
export interface BodyRead {
  /** When reading began, in ms since the epoch (the capture's receivedAt). */
  startedAt: number
  /** The first bytes of the body, up to the stored cap, exactly as received. */
  kept: Buffer
  /** Bytes received; the declared Content-Length instead when reading stopped at the limit. */
  size: number
  /** Fewer bytes kept than the body has (always so when reading stopped at the limit). */
  truncated: boolean
  /** The body passed the body limit; reading stopped there and the rest is not read. */
  overLimit: boolean
  /** The client went away (or fell silent too long) before the body was complete. */
  aborted: boolean
  /** It fell silent too long: the receiver, not the client, ended the connection. */
  stalled?: true
  /** Node's parser refused the body's framing partway (bad chunk size, oversized trailer…). */
  refused?: BodyRefusal
}

/** Why the parser gave up on a body it had begun to read, as the answer to send for it. */
export interface BodyRefusal {
  status: number
  message: string
}

/** Refusals that arrived before the request's body was being read. */
const earlyRefusals = new WeakMap<IncomingMessage, BodyRefusal>()
/** The body reads in progress, by request, so a parser refusal can end them. */
const refusalListeners = new WeakMap<IncomingMessage, (refusal: BodyRefusal) => void>()

/**
 * Ends the read of `req`'s body because the parser refused what followed its headers. Node gives
 * the request no end and no error then (the connection stays open for an answer), so without this
 * the request would wait for a body that never comes and go unrecorded.
 */
export function refuseBody(req: IncomingMessage, refusal: BodyRefusal): void {
  const listener = refusalListeners.get(req)
  if (listener) listener(refusal)
  else earlyRefusals.set(req, refusal)
}

export interface BodyLimits {
  /** Bytes kept in the capture. */
  cap: number
  /** Bytes accepted at all; one more and the request is answered 413. */
  limit: number
  /** A body that stops arriving for this long is abandoned and the connection closed. */
  idleMs: number
}

const EMPTY = Buffer.alloc(0)

/** Whether HTTP/1.1 framing says the request carries a body at all (RFC 9112 §6.3). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length']
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

/** The body of a request that framing says has none. */
export function emptyBody(startedAt: number): BodyRead {
  return {
    startedAt,
    kept: EMPTY,
    size: 0,
    truncated: false,
    overLimit: false,
    aborted: false
  }
}

function declaredLength(req: IncomingMessage): number | null {
  const value = req.headers['content-length']
  if (value === undefined || !/^\d+$/.test(value)) return null
  return Number(value)
}

/** Sweeps per idle period: a stalled body is cut between idleMs and 1.25 × idleMs. */
const SWEEPS_PER_IDLE = 4

/** A body read being watched: `seen` is the sweep count when its data last arrived. */
export interface WatchedRead {
  seen: number
  onStall: () => void
}

/**
 * Abandons body reads that stop arriving, with one timer for all of a receiver's reads instead of
 * one per request: a sweep every quarter of `idleMs` stalls each read that has seen no data for
 * four whole sweeps. The timer stops itself when a sweep finds no read left.
 */
export class StallWatch {
  private readonly reads = new Set<WatchedRead>()
  private sweeps = 0
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly idleMs: number) {}

  watch(onStall: () => void): WatchedRead {
    const read = { seen: this.sweeps, onStall }
    this.reads.add(read)
    this.timer ??= setInterval(
      () => this.sweep(),
      Math.max(1, Math.ceil(this.idleMs / SWEEPS_PER_IDLE))
    ).unref()
    return read
  }

  /** Data arrived for the read. */
  touch(read: WatchedRead): void {
    read.seen = this.sweeps
  }

  unwatch(read: WatchedRead): void {
    this.reads.delete(read)
  }

  /** Stops the timer and forgets every read (the receiver is closing). */
  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.reads.clear()
  }

  private sweep(): void {
    this.sweeps++
    if (this.reads.size === 0) {
      this.stop()
      return
    }
    for (const read of this.reads) {
      if (this.sweeps - read.seen > SWEEPS_PER_IDLE) {
        this.reads.delete(read)
        read.onStall()
      }
    }
  }
}

/**
 * Reads the raw body stream itself, byte-exact (no decoding, no decompression), keeping at most
 * `cap` bytes while counting them all. Threat: a client sending an endless or huge body must not
 * fill memory or pin the connection, so reading stops as soon as the body passes `limit`, and a
 * body that stalls for `idleMs` (as `stalls` watches it) is abandoned. Never rejects: a failed
 * read is `aborted`.
 */
export function readBody(
  req: IncomingMessage,
  stream: Readable,
  limits: BodyLimits,
  stalls: StallWatch,
  startedAt = Date.now()
): Promise<BodyRead> {
  if (!hasBody(req)) return Promise.resolve(emptyBody(startedAt))
  const early = earlyRefusals.get(req)
  if (early) return Promise.resolve({ ...emptyBody(startedAt), refused: early })
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let kept = 0
    let size = 0
    let settled = false

    const watched = stalls.watch(() => {
      finish(false, true, undefined, true)
      req.destroy()
    })

    function finish(
      overLimit: boolean,
      aborted: boolean,
      refused?: BodyRefusal,
      stalled = false
    ): void {
      if (settled) return
      settled = true
      refusalListeners.delete(req)
      stalls.unwatch(watched)
      stream.off('data', onData)
      stream.off('end', onEnd)
      stream.off('error', onAbort)
      stream.off('close', onAbort)
      if (overLimit) stream.pause()
      const declared = overLimit ? declaredLength(req) : null
      const total = declared !== null && declared > size ? declared : size
      resolve({
        startedAt,
        kept: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, kept),
        size: total,
        truncated: overLimit || kept < total,
        overLimit,
        aborted,
        ...(refused ? { refused } : {}),
        ...(stalled ? { stalled: true as const } : {})
      })
    }

    function onData(chunk: Buffer): void {
      stalls.touch(watched)
      size += chunk.length
      if (kept < limits.cap) {
        const take = Math.min(chunk.length, limits.cap - kept)
        chunks.push(take === chunk.length ? chunk : chunk.subarray(0, take))
        kept += take
      }
      if (size > limits.limit) finish(true, false)
    }
    const onEnd = (): void => finish(false, false)
    const onAbort = (): void => finish(false, true)

    stream.on('data', onData)
    stream.on('end', onEnd)
    stream.on('error', onAbort)
    stream.on('close', onAbort)
    refusalListeners.set(req, (refusal) => finish(false, false, refusal))
  })
}
