import { formatMs } from '@renderer/lib/format'
import { useApp } from '@renderer/store/store-context'
import type { DispatchState } from '@renderer/store/dispatch-types'

/** One sentence for a screen reader: what came of the event just fired. */
export function outcomeSentence(d: DispatchState): string | null {
  const ex = d.exchange
  if (d.phase === 'pending') return `Firing ${d.event} at ${d.hookName}, waiting for the hook.`
  if (!ex) return null
  if (d.phase === 'saved') {
    return `Record saved: ${ex.hookName} answered ${ex.response?.status ?? ''} in ${formatMs(ex.timings.totalMs)}.`
  }
  if (d.phase === 'failed' && ex.error) {
    return `ProtocolError, ${ex.error.kind}: ${ex.error.message}`
  }
  return null
}

/**
 * A polite live region, always in the page so screen readers watch it, that announces the
 * outcome of each fired event: the visible notices come and go too fast, or take focus.
 */
export function DispatchAnnouncer() {
  const sentence = useApp((s) => outcomeSentence(s.dispatch))
  return (
    <div className="sr-only" role="status" aria-live="polite" data-testid="dispatch-announcement">
      {sentence}
    </div>
  )
}
