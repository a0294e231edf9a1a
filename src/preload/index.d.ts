import type { HookInspectorBridge } from '../shared/api'

declare global {
  interface Window {
    /**
     * The desktop bridge the preload exposes (the API contract and live events). Optional, as the
     * same renderer also runs in a plain browser where the HTTP bridge is used instead.
     */
    hookInspector?: HookInspectorBridge
  }
}

export {}
