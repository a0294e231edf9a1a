import type { Behavior } from '@shared/schemas'
import { hasRealCredentials } from '../engine'
import { escapeForTerminal } from './terminal-text'

/** How the receiver can be reached from other machines at start. */
export interface StartExposure {
  /** The receiver's address, when it is not loopback. */
  host: string | null
  /** `--public`: a tunnel makes it reachable from the internet. */
  tunnel: boolean
}

/**
 * The start-up line about exposure, for stderr, or null on loopback alone: who can reach the
 * receiver and what keeps them out (the expected credentials, or the anonymous access chosen).
 * Printed in the terminal so it is seen without opening the UI.
 */
export function exposureLine(
  where: StartExposure,
  expectedAuth: Behavior['expectedAuth'],
  anonymous: boolean
): string | null {
  const reach: string[] = []
  if (where.host !== null) {
    reach.push(`listening on ${where.host} lets other machines reach the receiver`)
  }
  if (where.tunnel) reach.push('a public URL makes the receiver reachable from the internet')
  if (reach.length === 0) return null
  const guard =
    expectedAuth !== null && hasRealCredentials(expectedAuth)
      ? `every request needs the expected credentials (${expectedAuth.email})`
      : anonymous
        ? 'anonymous access was chosen (--allow-anonymous): it answers anyone and records what they send'
        : 'expected credentials are required'
  return escapeForTerminal(`warning: ${reach.join(', and ')}; ${guard}`)
}
