import { createStore, type StoreApi } from 'zustand/vanilla'
import type { HookInspectorBridge } from '@shared/api'
import { createCapacitySlice } from './capacity-slice'
import { createCheckSlice } from './check-slice'
import { createComposerSlice } from './composer-slice'
import { createDispatchSlice } from './dispatch-slice'
import { createEventsSlice } from './events-slice'
import { createHistorySlice } from './history-slice'
import { createGateSlice } from './gate-slice'
import { createHooksSlice } from './hooks-slice'
import { createLayoutSlice } from './layout-slice'
import { createMarkSlice } from './mark-slice'
import { createPublicSlice } from './public-slice'
import { createReceiverSlice } from './receiver-slice'
import { createScenariosSlice } from './scenarios-slice'
import { createShareSlice } from './share-slice'
import type { AllState } from './types'
import { createUiSlice } from './ui-slice'

export type AppStore = StoreApi<AllState>

/**
 * The one store, built from slices around a bridge (the real one, or a fake in tests). The
 * renderer reaches the engine only through these slices: no component holds the bridge.
 */
export function createAppStore(bridge: HookInspectorBridge): AppStore {
  return createStore<AllState>()((...a) => ({
    ...createHooksSlice(bridge)(...a),
    ...createReceiverSlice(bridge)(...a),
    ...createPublicSlice(bridge)(...a),
    ...createComposerSlice(...a),
    ...createHistorySlice(bridge)(...a),
    ...createDispatchSlice(bridge)(...a),
    ...createUiSlice(bridge)(...a),
    ...createScenariosSlice(bridge)(...a),
    ...createCheckSlice(bridge)(...a),
    ...createCapacitySlice(bridge)(...a),
    ...createShareSlice(bridge)(...a),
    ...createEventsSlice(bridge)(...a),
    ...createLayoutSlice(bridge)(...a),
    ...createGateSlice(bridge)(...a),
    ...createMarkSlice(bridge)(...a)
  }))
}
