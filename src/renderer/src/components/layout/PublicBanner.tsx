import { useShallow } from 'zustand/react/shallow'
import { useApp } from '@renderer/store/store-context'

/** While the receiver is public, a banner that says so wherever the user is, with Stop. */
export function PublicBanner() {
  const { status, stop } = useApp(
    useShallow((s) => ({ status: s.publicStatus, stop: s.stopPublic }))
  )
  if (status === null || status.state === 'off') return null
  return (
    <div className="notice public-banner" role="status" data-testid="public-banner">
      <span>
        {status.state === 'up' && (
          <>
            The receiver is public at <code className="mono">{status.url}</code> ({status.provider}
            ).
          </>
        )}
        {status.state === 'starting' && <>Making the receiver public through {status.provider}…</>}
        {status.state === 'down' && (
          <>
            The public URL dropped ({status.reason}); reconnecting through {status.provider}…
          </>
        )}
      </span>
      <button
        type="button"
        className="btn btn-small"
        data-testid="public-banner-stop"
        onClick={() => void stop()}
      >
        Stop
      </button>
    </div>
  )
}
