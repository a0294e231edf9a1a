import type { ReplayCredentials, ReplayRequest } from '@shared/replay'
import { replayNeedsCredentials } from '@shared/replay-credentials'
import type { Capture, Exchange, HookConfig } from '@shared/schemas'
import { isLoopbackUrl } from '@shared/loopback'
import { needsPassword } from './gate-slice'
import type { AllState } from './types'

/**
 * What to ask before a re-send, or null to send at once: the email and password to send when the
 * hook it goes to has no password, or when the source's Authorization was redacted on export (the
 * placeholder is never sent), or whether an imported row may really go to its original URL on
 * another machine (it may be a customer's production endpoint). `again` re-runs the re-send (with
 * the credentials given) once the question is answered.
 */
export function replayQuestion(
  s: AllState,
  request: ReplayRequest,
  hook: HookConfig | null,
  source: Exchange | Capture | null,
  again: (request: ReplayRequest) => Promise<void>
): (() => void) | null {
  const toSourceHook = request.url === undefined
  const withCredentials = (credentials: ReplayCredentials): Promise<void> =>
    again({ ...request, credentials })
  // Every kind of re-send (as it was, to a hook or URL, edited) asks the same inline question.
  if (hook && toSourceHook && needsPassword(hook) && request.credentials === undefined) {
    return () => s.askCredentials(request.sourceId, withCredentials, hook)
  }
  if (source && replayNeedsCredentials(source, request, s.hooks)) {
    return () => s.askCredentials(source.id, withCredentials)
  }
  const toOriginal = request.url === undefined && request.hookId === undefined
  if (toOriginal && source?.type === 'exchange' && source.imported === true) {
    // Where the engine sends it: to its hook when that hook is saved here, else where it went.
    const target = s.hooks.find((h) => h.id === source.hookId)?.url ?? source.request.url
    if (isLoopbackUrl(target) || confirmed.has(source.id)) return null
    const id = source.id
    return () =>
      s.askToSendTo(target, async () => {
        confirmed.add(id)
        try {
          await again(request)
        } finally {
          confirmed.delete(id)
        }
      })
  }
  return null
}

/** Sources whose re-send the user has just confirmed (for the duration of that re-send). */
const confirmed = new Set<string>()
