import type { PublicRequest, PublicStatus } from '@shared/public-url'

// The public URL slice: the tunnel and its status.

export interface PublicSlice {
  /** null until loaded. */
  publicStatus: PublicStatus | null
  publicBusy: boolean
  publicError: string | null
  loadPublicStatus(): Promise<void>
  makePublic(request: PublicRequest): Promise<boolean>
  stopPublic(): Promise<void>
}
