import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { APP_VERSION } from '../src/shared/version'
import { buildWireRequest, userAgentFor } from '../src/shared/wire-request'

/** The user agent the dispatcher sends; raw clients in the benchmarks send the same. */
export const USER_AGENT = userAgentFor(APP_VERSION)

/** The TrialKit insert body (docs/ARCHITECTURE.md, Wire format), byte for byte, from the test fixture. */
export function insertBody(root: string): string {
  return readFileSync(join(root, 'test', 'fixtures', 'trialkit', 'insert.json'), 'utf8')
}

/**
 * The exact headers the dispatcher writes for this URL and body (Connection: close included),
 * so a raw client can send the very same request.
 */
export function wireHeaders(url: string, body: string): [string, string][] {
  const built = buildWireRequest({ url, email: '', password: '' }, body, USER_AGENT)
  if (!built.ok) throw new Error(`bad benchmark URL ${url}: ${built.message}`)
  return built.request.headers
}
