import type { ReplayRequest } from '../../../shared/replay'
import type { Capture, Exchange, HookConfig } from '../../../shared/schemas'
import { isLoopbackUrl } from '../lib/loopback-url'
import { needsPassword } from './gate-slice'
import type { AllState } from './types'

/**
 * What to ask before a re-send, or null to send at once: the password of a hook that has none, or
 * whether an imported row may really go to its original URL on another machine (it may be a
 * customer's production endpoint). `again` re-runs the re-send once the question is answered.
 */
export function replayQuestion(
  s: AllState,
  request: ReplayRequest,
  hook: HookConfig | null,
  source: Exchange | Capture | null,
  again: () => Promise<void>
): (() => void) | null {
  const toSourceHook = request.url === undefined
  if (hook && toSourceHook && needsPassword(hook)) {
    return () => s.askPassword(hook, again)
  }
  const toOriginal = request.url === undefined && request.hookId === undefined
  if (
    toOriginal &&
    source?.type === 'exchange' &&
    source.imported === true &&
    !isLoopbackUrl(source.request.url) &&
    !confirmed.has(source.id)
  ) {
    const id = source.id
    return () =>
      s.askToSendTo(source.request.url, async () => {
        confirmed.add(id)
        try {
          await again()
        } finally {
          confirmed.delete(id)
        }
      })
  }
  return null
}

/** Sources whose re-send the user has just confirmed (for the duration of that re-send). */
const confirmed = new Set<string>()
