import type { HookInspectorApi, HookInspectorBridge } from '../../shared/api'

/** What the control server needs of the engine: the API contract plus live events. */
export type ControlEngine = HookInspectorApi & Pick<HookInspectorBridge, 'on'>
