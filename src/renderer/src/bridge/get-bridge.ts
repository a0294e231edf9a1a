import type { HookInspectorBridge } from '@shared/api'
import { createHttpBridge } from './http-bridge'
import { takeToken } from './token'

let bridge: HookInspectorBridge | null = null

/**
 * The one place that looks at `window`: the Electron preload's bridge when present, otherwise
 * the HTTP bridge to the control server that served this page. The UI never knows which.
 */
export function getBridge(): HookInspectorBridge {
  if (bridge) return bridge
  if (window.hookInspector) {
    bridge = window.hookInspector
  } else if (window.location.protocol === 'file:') {
    // Loaded from disk means the desktop app, whose preload did not run: there is no server.
    bridge = createHttpBridge({
      baseUrl: '',
      token: null,
      noTokenMessage: 'The desktop bridge did not load. Restart Hook Inspector.'
    })
  } else {
    const token = takeToken(window.location, window.sessionStorage, window.history)
    bridge = createHttpBridge({ baseUrl: window.location.origin, token })
  }
  return bridge
}
