import { useShallow } from 'zustand/react/shallow'
import type { CapacityRequest } from '@shared/capacity'
import type { CapacityState } from '@renderer/store/capacity-types'
import { useApp } from '@renderer/store/store-context'

export type { CapacityState } from '@renderer/store/capacity-types'

/** The capacity check's state, start and stop, from the store; progress arrives as live events. */
export function useCapacity(): CapacityState & {
  start(request: CapacityRequest): Promise<void>
  stop(): Promise<void>
} {
  const { capacity, start, stop } = useApp(
    useShallow((s) => ({ capacity: s.capacity, start: s.runCapacity, stop: s.stopCapacity }))
  )
  return { ...capacity, start, stop }
}
