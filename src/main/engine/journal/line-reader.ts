/** Where lines are read from: an open file, or a bounded view of one (a snapshot). */
export interface ReadAt {
  read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number
  ): Promise<{ bytesRead: number }>
}

const READ_CHUNK = 1024 * 1024
const NEWLINE = 0x0a
/**
 * No entry's line comes near this (bodies are capped at 1 MiB each); a longer "line" is damage,
 * e.g. the run of NUL bytes a crash can leave in a file, and is skipped without being kept whole.
 */
const MAX_LINE_BYTES = 32 * 1024 * 1024

export interface LineSink {
  /** One complete line's text; false when it is not a valid entry. */
  ingest(text: string): boolean
  /** A line too long to be an entry. */
  skip(): void
}

export interface LinesRead {
  /** Where the last complete line ends. */
  offset: number
  /** Whether an unterminated tail is a torn fragment (to cut off). */
  torn: boolean
  /** Whether the file ends in a valid line without its newline. */
  unterminated: boolean
}

/**
 * Streams the file in chunks (no full copy of the file in memory), handing it over line by line.
 */
export async function readLines(handle: ReadAt, sink: LineSink): Promise<LinesRead> {
  const buffer = Buffer.allocUnsafe(READ_CHUNK)
  let position = 0
  let lineStart = 0
  let carry: Buffer[] = []
  let carryBytes = 0
  // The current line passed MAX_LINE_BYTES: its bytes are dropped until its end.
  let overlong = false
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, position)
    if (bytesRead === 0) break
    let start = 0
    for (;;) {
      const nl = buffer.indexOf(NEWLINE, start)
      if (nl === -1 || nl >= bytesRead) break
      if (overlong) {
        sink.skip()
        overlong = false
      } else if (carry.length > 0) {
        carry.push(buffer.subarray(start, nl))
        sink.ingest(Buffer.concat(carry).toString('utf8'))
      } else {
        sink.ingest(buffer.toString('utf8', start, nl))
      }
      carry = []
      carryBytes = 0
      start = nl + 1
      lineStart = position + start
    }
    if (start < bytesRead && !overlong) {
      carry.push(Buffer.from(buffer.subarray(start, bytesRead)))
      carryBytes += bytesRead - start
      if (carryBytes > MAX_LINE_BYTES) {
        carry = []
        carryBytes = 0
        overlong = true
      }
    }
    position += bytesRead
  }
  if (overlong) {
    sink.skip()
    return { offset: lineStart, torn: true, unterminated: false }
  }
  if (carry.length === 0) return { offset: lineStart, torn: false, unterminated: false }
  const ok = sink.ingest(Buffer.concat(carry).toString('utf8'))
  return { offset: lineStart, torn: !ok, unterminated: ok }
}
