import { useEffect } from 'react'
import { useAppStore } from '../store/store-context'

/**
 * Connects the store to live engine events while the app is mounted. Each batch the bridge hands
 * on is applied in one store update (see events-slice.ts).
 */
export function useEngineEvents(): void {
  const store = useAppStore()
  useEffect(() => store.getState().connectEvents(), [store])
}
