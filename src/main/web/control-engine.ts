import type { HookInspectorApi } from '../../shared/api'
import type { EngineEventSource } from '../engine'

/** What the control server needs of the engine: the API contract plus live events. */
export type ControlEngine = HookInspectorApi & EngineEventSource
