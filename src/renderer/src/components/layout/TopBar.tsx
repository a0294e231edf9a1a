import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Preferences } from '@shared/schemas'
import { useApp } from '@renderer/store/store-context'
import { ShareDialog } from '../share/ShareDialog'

const NEXT_THEME: Record<Preferences['theme'], Preferences['theme']> = {
  system: 'light',
  light: 'dark',
  dark: 'system'
}
const THEME_LABEL: Record<Preferences['theme'], string> = {
  system: '◐ System',
  light: '☀ Light',
  dark: '☾ Dark'
}

/** Title, receiver state at a glance, theme toggle and the shortcut help. */
export function TopBar(props: { resolvedTheme: 'light' | 'dark' }) {
  const { theme, setTheme, info, receiver, helpOpen, setHelpOpen } = useApp(
    useShallow((s) => ({
      theme: s.preferences?.theme ?? 'system',
      setTheme: s.setTheme,
      info: s.info,
      receiver: s.receiver,
      helpOpen: s.helpOpen,
      setHelpOpen: s.setHelpOpen
    }))
  )
  const [sharing, setSharing] = useState(false)
  return (
    <header className="topbar" data-testid="topbar">
      <span className="brand">
        Hook Inspector <span className="muted">for TrialKit</span>
      </span>
      {info && <span className="muted small">v{info.version}</span>}
      <span className="spacer" />
      {info && !info.historyPersisted && (
        <span className="badge badge-warn" title="The data directory is not writable">
          history in memory only
        </span>
      )}
      {info && !info.secretsPersisted && (
        <span className="badge badge-warn" title="Hook passwords are kept in memory only">
          passwords not saved
        </span>
      )}
      <span
        className={`pill ${receiver?.running ? 'pill-ok' : 'pill-error'}`}
        title={receiver?.error ?? undefined}
      >
        receiver {receiver?.running ? `:${receiver.port}` : 'stopped'}
      </span>
      <button
        type="button"
        className="btn btn-small"
        data-testid="share-open"
        title="Export the history as HAR or a support bundle, or import one"
        onClick={() => setSharing(true)}
      >
        ⇅ Export / Import
      </button>
      {sharing && <ShareDialog onClose={() => setSharing(false)} />}
      <button
        type="button"
        className="btn btn-small"
        data-testid="theme-toggle"
        data-theme-choice={theme}
        data-theme-resolved={props.resolvedTheme}
        title="Theme: system → light → dark"
        onClick={() => void setTheme(NEXT_THEME[theme])}
      >
        {THEME_LABEL[theme]}
      </button>
      <button
        type="button"
        className="btn btn-small btn-round"
        data-testid="help-toggle"
        aria-expanded={helpOpen}
        title="Keyboard shortcuts (?)"
        onClick={() => setHelpOpen(!helpOpen)}
      >
        ?
      </button>
    </header>
  )
}
