/**
 * Writing to stdout/stderr so nothing is lost when the process ends: a large JSON document on a
 * pipe may still be queued when the command's work is done, so callers wait for the write
 * callback and set process.exitCode instead of calling process.exit while output is pending.
 */

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    // An error (e.g. EPIPE when the reader went away) must not turn into a crash or a hang.
    stream.write(text, () => resolve())
  })
}

/** Writes one line to stdout; resolves once the stream has taken it. */
export function printLine(text: string): Promise<void> {
  return write(process.stdout, `${text}\n`)
}

/**
 * Writes text pieces to stdout as they come, each once the stream has taken the one before, so a
 * large export on a slow pipe is never held whole in memory.
 */
export async function writeStdout(pieces: AsyncIterable<string>): Promise<void> {
  for await (const piece of pieces) await write(process.stdout, piece)
}

/** Writes one line to stderr; resolves once the stream has taken it. */
export function printError(text: string): Promise<void> {
  return write(process.stderr, `${text}\n`)
}

/** Resolves once everything written to stdout and stderr so far has been handed to the OS. */
export async function flushOutput(): Promise<void> {
  await Promise.all([write(process.stdout, ''), write(process.stderr, '')])
}

// A closed pipe on the reading side (e.g. `| head`) is the reader's choice, not our failure.
process.stdout.on('error', () => undefined)
process.stderr.on('error', () => undefined)
