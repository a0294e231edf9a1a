import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { DispatchOverlay } from './components/dispatch/DispatchOverlay'
import { HooksPanel } from './components/hooks/HooksPanel'
import { Inspector } from './components/inspector/Inspector'
import { CenterPane } from './components/layout/CenterPane'
import { HelpPopover } from './components/layout/HelpPopover'
import { NoticeBanner } from './components/layout/NoticeBanner'
import { Panes } from './components/layout/Panes'
import { PublicBanner } from './components/layout/PublicBanner'
import { Toasts } from './components/layout/Toasts'
import { TopBar } from './components/layout/TopBar'
import { ReceiverPanel } from './components/receiver/ReceiverPanel'
import { Timeline } from './components/timeline/Timeline'
import { useEngineEvents } from './hooks/use-engine-events'
import { useShortcuts } from './hooks/use-shortcuts'
import { useTheme } from './hooks/use-theme'
import { useApp } from './store/store-context'

/** The three panes: hooks + receiver, compose / check / scenarios, timeline + inspector. */
export function App() {
  useEngineEvents()
  useShortcuts()
  const { booted, bootError, boot, theme } = useApp(
    useShallow((s) => ({
      booted: s.booted,
      bootError: s.bootError,
      boot: s.boot,
      theme: s.preferences?.theme ?? 'system'
    }))
  )
  const resolved = useTheme(theme)
  useEffect(() => {
    void boot()
  }, [boot])

  if (!booted) {
    return (
      <div className="boot" data-testid={bootError ? 'boot-error' : 'booting'}>
        {bootError ? (
          <>
            <p className="boot-title">Hook Inspector could not load.</p>
            <p className="inline-error">{bootError}</p>
            <button type="button" className="btn" onClick={() => void boot()}>
              Try again
            </button>
          </>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </div>
    )
  }

  return (
    <div className="app" data-testid="app" data-ready="true">
      <TopBar resolvedTheme={resolved} />
      <PublicBanner />
      <NoticeBanner />
      <Panes
        left={
          <>
            <HooksPanel />
            <ReceiverPanel />
          </>
        }
        center={<CenterPane />}
        timeline={<Timeline />}
        inspector={<Inspector />}
      />
      <DispatchOverlay />
      <HelpPopover />
      <Toasts />
    </div>
  )
}
