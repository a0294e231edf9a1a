import { open } from 'node:fs/promises'
import { errorMessage } from '@shared/error-message'
import { UsageError } from '../errors'

/**
 * Writes a JUnit report to `path`, owner-only (0600) even when the file was already there: it
 * holds the endpoint's answers and the URL, which may name internal hosts. The mode is set on the
 * open file, so a file swapped in between is never the one changed.
 */
export async function writeJunitFile(path: string, xml: string): Promise<void> {
  let handle
  try {
    handle = await open(path, 'w', 0o600)
  } catch (e) {
    throw new UsageError(`--junit: ${path} cannot be written: ${errorMessage(e)}`)
  }
  try {
    await handle.chmod(0o600)
    await handle.writeFile(xml, 'utf8')
  } finally {
    await handle.close()
  }
}

/** `--junit FILE`: a non-empty path, trimmed. */
export function junitPath(raw: string | undefined): string | null {
  if (raw === undefined) return null
  const path = raw.trim()
  if (path === '') throw new UsageError('--junit must not be empty')
  return path
}
