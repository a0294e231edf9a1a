import { dispatchTargetOf } from '@main/engine/dispatch/target'
import type { DispatchTarget } from '@main/engine/ports'
import { fireHook } from '@shared/hook-record'

/**
 * A dispatch target for a test: what a hook with the schema's defaults sends to `url`, with the
 * test's own settings over it, so a new hook setting needs no change here.
 */
export function dispatchTarget(url: string, patch: Partial<DispatchTarget> = {}): DispatchTarget {
  return { ...dispatchTargetOf(fireHook({ name: 'Test', url })), ...patch }
}
