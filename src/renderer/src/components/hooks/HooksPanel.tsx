import { useShallow } from 'zustand/react/shallow'
import type { HookConfig } from '@shared/schemas'
import { useApp } from '@renderer/store/store-context'
import { ConfirmButton } from '../common/ConfirmButton'
import { HookEditor } from './HookEditor'
import { needsPassword } from '@renderer/store/gate-slice'

function HookItem(props: { hook: HookConfig; active: boolean }) {
  const { hook, active } = props
  const { selectHook, openHookEditor, duplicateHook, deleteHook } = useApp(
    useShallow((s) => ({
      selectHook: s.selectHook,
      openHookEditor: s.openHookEditor,
      duplicateHook: s.duplicateHook,
      deleteHook: s.deleteHook
    }))
  )
  return (
    <li
      className={`hook-item ${active ? 'hook-item-active' : ''} ${hook.enabled ? '' : 'hook-item-off'}`}
      data-testid="hook-item"
      data-hook-name={hook.name}
      data-active={active}
    >
      <button
        type="button"
        className="hook-pick"
        onClick={() => selectHook(hook.id)}
        aria-pressed={active}
        title="Fire events at this hook"
      >
        <span className="hook-name">{hook.name}</span>
        <span className="hook-url mono">{hook.url}</span>
        <span className="hook-badges">
          <span className="badge">{hook.timeoutSeconds} s</span>
          {hook.email && needsPassword(hook) ? (
            <span
              className="badge badge-warn"
              data-testid="hook-password-needed"
              title={`Basic auth as ${hook.email}; the password was left out (enter it with Edit)`}
            >
              password needed
            </span>
          ) : (
            hook.email && (
              <span className="badge" title={`Basic auth as ${hook.email}`}>
                auth
              </span>
            )
          )}
          {hook.insecureTls && <span className="badge badge-warn">self-signed ok</span>}
          {!hook.enabled && <span className="badge badge-muted">disabled</span>}
        </span>
      </button>
      <span className="hook-actions">
        <button
          type="button"
          className="btn-link"
          data-testid="hook-edit"
          onClick={() => openHookEditor(hook)}
        >
          Edit
        </button>
        <button
          type="button"
          className="btn-link"
          data-testid="hook-duplicate"
          onClick={() => void duplicateHook(hook.id)}
        >
          Duplicate
        </button>
        <ConfirmButton
          className="btn-link btn-link-danger"
          label="Delete"
          title="Delete this hook?"
          message={`“${hook.name}” will be removed, with its saved password. The history stays.`}
          confirmLabel="Delete hook"
          testId="hook-delete"
          onConfirm={() => void deleteHook(hook.id)}
        />
      </span>
    </li>
  )
}

/** The study hooks: which URL (and credentials, timeout) the composer fires at. */
export function HooksPanel() {
  const { hooks, activeHookId, editing, openHookEditor } = useApp(
    useShallow((s) => ({
      hooks: s.hooks,
      activeHookId: s.activeHookId,
      editing: s.hookEditor !== null,
      openHookEditor: s.openHookEditor
    }))
  )
  return (
    <section className="panel" data-testid="hooks-panel" aria-labelledby="hooks-title">
      <header className="panel-head">
        <h2 id="hooks-title">Study hooks</h2>
        <button
          type="button"
          className="btn btn-small"
          data-testid="hook-new"
          onClick={() => openHookEditor(null)}
        >
          + New hook
        </button>
      </header>
      {editing && <HookEditor />}
      {hooks.length === 0 && !editing ? (
        <p className="empty-text" data-testid="hooks-empty">
          No study hooks yet. A hook is the URL TrialKit calls, with its credentials and timeout.
        </p>
      ) : (
        <ul className="hook-list">
          {hooks.map((h) => (
            <HookItem key={h.id} hook={h} active={h.id === activeHookId} />
          ))}
        </ul>
      )}
    </section>
  )
}
