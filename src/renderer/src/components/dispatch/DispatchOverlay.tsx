import { useEffect } from 'react'
import { useApp } from '@renderer/store/store-context'
import { DispatchAnnouncer } from './DispatchAnnouncer'
import { ProtocolErrorDialog } from './ProtocolErrorDialog'
import { SavedNotice } from './SavedNotice'
import { WaitingView } from './WaitingView'

/** What the TrialKit user sees while and after a record is saved, also told to screen readers. */
export function DispatchOverlay() {
  const phase = useApp((s) => s.dispatch.phase)
  const close = useApp((s) => s.closeDispatch)
  useEffect(() => {
    if (phase !== 'saved') return
    const t = setTimeout(close, 1600)
    return () => clearTimeout(t)
  }, [phase, close])
  return (
    <>
      <DispatchAnnouncer />
      {phase === 'pending' && <WaitingView />}
      {phase === 'saved' && <SavedNotice />}
      {phase === 'failed' && <ProtocolErrorDialog />}
    </>
  )
}
