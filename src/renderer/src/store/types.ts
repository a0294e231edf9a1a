import type { StateCreator } from 'zustand'
import type { HooksSlice } from './hooks-types'
import type { ReceiverSlice } from './receiver-types'
import type { ComposerSlice } from './composer-types'
import type { HistorySlice } from './history-types'
import type { DispatchSlice } from './dispatch-types'
import type { UiSlice } from './ui-types'
import type { ScenariosSlice } from './scenarios-types'
import type { CheckSlice } from './check-types'
import type { ShareSlice } from './share-types'
import type { EventsSlice } from './events-types'
import type { CapacitySlice } from './capacity-types'
import type { GateSlice } from './gate-types'
import type { LayoutSlice } from './layout-types'
import type { PublicSlice } from './public-types'
import type { MarkSlice } from './mark-types'

/** The whole store: every slice composed. Each slice's state and actions are in `<slice>-types.ts`. */
export type AllState = LayoutSlice &
  MarkSlice &
  GateSlice &
  HooksSlice &
  PublicSlice &
  ReceiverSlice &
  ComposerSlice &
  HistorySlice &
  DispatchSlice &
  UiSlice &
  ScenariosSlice &
  CheckSlice &
  CapacitySlice &
  ShareSlice &
  EventsSlice

/** A slice's creator: it reads the whole store and makes its own part of it. */
export type Slice<T> = StateCreator<AllState, [], [], T>
