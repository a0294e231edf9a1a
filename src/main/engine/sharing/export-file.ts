import { writeFileAtomic } from '../atomic-write'

/**
 * Exports are owner-only. Threat: a HAR or bundle holds captured request bodies (clinical data)
 * and, with --include-secrets, Authorization values and passwords; another local user must not
 * read it. The mode is set exactly (umask could only narrow it), on a new file, never widened.
 */
export const EXPORT_FILE_MODE = 0o600

/** Pieces are gathered up to this size before each write. */
const CHUNK_CHARS = 1024 * 1024

/**
 * Writes an export piece by piece to a temp file next to `file` (owner-only), flushes it and
 * renames it over `file`: memory stays bounded however long the export, and a failure midway
 * leaves whatever was at `file` before. The event loop runs between writes.
 */
export async function writeExportFile(file: string, pieces: AsyncIterable<string>): Promise<void> {
  await writeFileAtomic(file, pieces, { mode: EXPORT_FILE_MODE })
}

/** The pieces gathered into chunks of about a MiB: fewer, larger writes. */
export async function* chunked(pieces: AsyncIterable<string>): AsyncGenerator<string> {
  let pending: string[] = []
  let pendingChars = 0
  for await (const piece of pieces) {
    pending.push(piece)
    pendingChars += piece.length
    if (pendingChars >= CHUNK_CHARS) {
      yield pending.join('')
      pending = []
      pendingChars = 0
    }
  }
  if (pending.length > 0) yield pending.join('')
}

/**
 * The most text an export returned as one string may hold (the API's exportHar / exportBundle):
 * past it the caller is told to save to a file, which streams, instead of the process building a
 * string near what JavaScript can hold.
 */
export const MAX_EXPORT_TEXT_CHARS = 256 * 1024 * 1024

/** Collects the pieces into one string (what the API's exportHar / exportBundle return). */
export async function joinPieces(pieces: AsyncIterable<string>): Promise<string> {
  const all: string[] = []
  let chars = 0
  for await (const piece of pieces) {
    chars += piece.length
    if (chars > MAX_EXPORT_TEXT_CHARS) {
      throw new Error(
        `This export is larger than ${MAX_EXPORT_TEXT_CHARS / 1024 / 1024} MiB, too large to pass as one text: save it to a file instead (File → Export in the desktop app, the Export button of the browser UI, or \`hook-inspector export --out FILE\`).`
      )
    }
    all.push(piece)
  }
  return all.join('')
}
