import type { HookInspectorBridge } from '@shared/api'
import type { PublicSlice } from './public-types'
import type { Slice } from './types'
import { errorMessage } from '@shared/error-message'

/** The receiver's public URL: the tunnel's state as the engine reports it. */
export function createPublicSlice(bridge: HookInspectorBridge): Slice<PublicSlice> {
  return (set, get) => ({
    publicStatus: null,
    publicBusy: false,
    publicError: null,

    async loadPublicStatus() {
      try {
        set({ publicStatus: await bridge.getPublicStatus() })
      } catch (e) {
        set({ publicError: errorMessage(e) })
      }
    },

    async makePublic(request) {
      set({ publicBusy: true, publicError: null })
      try {
        const status = await bridge.startPublic(request)
        set({ publicStatus: status, publicBusy: false })
        get().toast('success', `The receiver is public at ${status.url ?? '…'}`)
        return true
      } catch (e) {
        set({ publicBusy: false, publicError: errorMessage(e) })
        return false
      }
    },

    async stopPublic() {
      try {
        set({ publicStatus: await bridge.stopPublic(), publicError: null })
        get().toast('info', 'The receiver is private again (loopback only).')
      } catch (e) {
        get().toast('error', `Could not stop the public URL: ${errorMessage(e)}`)
      }
    }
  })
}
