import type { HookInspectorApi } from '@shared/api'
import type { Engine, EngineEventSource } from '../engine'

/** What the control server needs of the engine: the API contract, live events, streamed exports. */
export type ControlEngine = HookInspectorApi & EngineEventSource & Pick<Engine, 'exportPieces'>
