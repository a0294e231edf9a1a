import type { HookInspectorBridge } from '../../shared/api'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser (the HTTP bridge is used then). */
    hookInspector?: HookInspectorBridge
  }
}

export {}
