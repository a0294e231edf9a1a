import { createStore, type StoreApi } from 'zustand/vanilla'
import type { HookInspectorBridge } from '../../../shared/api'
import { createComposerSlice } from './composer-slice'
import { createDispatchSlice } from './dispatch-slice'
import { createEventsSlice } from './events-slice'
import { createHistorySlice } from './history-slice'
import { createHooksSlice } from './hooks-slice'
import { createPublicSlice } from './public-slice'
import { createReceiverSlice } from './receiver-slice'
import type { AllState } from './types'
import { createUiSlice } from './ui-slice'

export type AppStore = StoreApi<AllState>

/** The one store, built from slices around a bridge (the real one, or a fake in tests). */
export function createAppStore(bridge: HookInspectorBridge): AppStore {
  return createStore<AllState>()((...a) => ({
    ...createHooksSlice(bridge)(...a),
    ...createReceiverSlice(bridge)(...a),
    ...createPublicSlice(bridge)(...a),
    ...createComposerSlice(...a),
    ...createHistorySlice(bridge)(...a),
    ...createDispatchSlice(bridge)(...a),
    ...createUiSlice(bridge)(...a),
    ...createEventsSlice(bridge)(...a)
  }))
}
