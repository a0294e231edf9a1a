import { useCallback, useRef, useState } from 'react'
import type { CapacityRequest } from '../../../../shared/capacity'
import type { CapacityRun } from '../../../../shared/schemas'
import { errorText } from '../../store/error-text'
import { useBridge } from '../../store/store-context'

export interface CapacityState {
  running: boolean
  run: CapacityRun | null
  error: string | null
}

/** Starts and stops a capacity check through the bridge; its progress arrives as live events. */
export function useCapacity(): CapacityState & {
  start(request: CapacityRequest): Promise<void>
  stop(): Promise<void>
} {
  const bridge = useBridge()
  const [state, setState] = useState<CapacityState>({ running: false, run: null, error: null })
  const busy = useRef(false)
  const start = useCallback(
    async (request: CapacityRequest) => {
      if (busy.current) return
      busy.current = true
      setState({ running: true, run: null, error: null })
      try {
        const run = await bridge.runCapacity(request)
        setState({ running: false, run, error: null })
      } catch (e) {
        setState({ running: false, run: null, error: errorText(e) })
      } finally {
        busy.current = false
      }
    },
    [bridge]
  )
  const stop = useCallback(async () => {
    try {
      await bridge.stopCapacity()
    } catch (e) {
      setState((s) => ({ ...s, error: errorText(e) }))
    }
  }, [bridge])
  return { ...state, start, stop }
}
