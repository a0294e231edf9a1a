import { useShallow } from 'zustand/react/shallow'
import { resolveFields, type HookEvent } from '@shared/trialkit'
import { isComposerBase } from '@renderer/lib/composer-base'
import { useApp } from '@renderer/store/store-context'
import { activeHook } from '@renderer/store/dispatch-slice'
import { Field } from '../common/Field'
import { Segmented } from '../common/Segmented'
import { RawBodyEditor } from './RawBodyEditor'
import { ReviewLevelEditor } from './ReviewLevelEditor'
import { TemplateNotice } from './TemplateNotice'

const EVENT_OPTIONS: { value: HookEvent; label: string; title: string }[] = [
  { value: 'insert', label: 'Insert', title: 'A record saved new (key 1)' },
  { value: 'update', label: 'Update', title: 'A record changed (key 2)' },
  { value: 'review', label: 'Review', title: 'A review level changed (key 3)' }
]

/** Composes the event TrialKit would send, and fires it. */
export function Composer() {
  const s = useApp(
    useShallow((st) => ({
      composer: st.composer,
      hooks: st.hooks,
      activeHookId: st.activeHookId,
      hook: activeHook(st),
      pending: st.dispatch.phase === 'pending',
      setEvent: st.setEvent,
      setField: st.setField,
      setMode: st.setComposerMode,
      reset: st.resetComposer,
      selectHook: st.selectHook,
      openHookEditor: st.openHookEditor,
      fire: st.fire
    }))
  )
  const c = s.composer
  const fields = resolveFields(c.event, c.overrides)
  const changed = !isComposerBase(c.overrides)
  return (
    <section className="panel composer" data-testid="composer" aria-labelledby="composer-title">
      <header className="panel-head">
        <h2 id="composer-title">Event</h2>
        <Segmented
          ariaLabel="Event type"
          testId="event-type"
          value={c.event}
          options={EVENT_OPTIONS.map((o, i) => ({
            value: o.value,
            title: o.title,
            label: (
              <>
                {o.label} <kbd>{i + 1}</kbd>
              </>
            )
          }))}
          onChange={s.setEvent}
        />
      </header>
      <div className="composer-target">
        <label className="inline-field grow">
          To
          {s.hooks.length > 0 ? (
            <select
              data-testid="composer-hook"
              value={s.activeHookId ?? ''}
              onChange={(e) => s.selectHook(e.target.value)}
            >
              {s.hooks.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name} — {h.url}
                </option>
              ))}
            </select>
          ) : (
            <button
              type="button"
              className="btn btn-small"
              data-testid="composer-add-hook"
              onClick={() => s.openHookEditor(null)}
            >
              Add a study hook first
            </button>
          )}
        </label>
        {s.hook && <span className="muted">timeout {s.hook.timeoutSeconds} s</span>}
      </div>
      {c.mode === 'raw' ? (
        <RawBodyEditor />
      ) : (
        <>
          <div className="field-row">
            <Field label="trans_id" testId="field-trans-id">
              <input
                className="mono"
                data-testid="field-trans-id"
                value={fields.trans_id}
                onChange={(e) => s.setField('trans_id', e.target.value)}
              />
            </Field>
            <Field label="form_id" testId="field-form-id">
              <input
                className="mono"
                data-testid="field-form-id"
                value={fields.form_id}
                onChange={(e) => s.setField('form_id', e.target.value)}
              />
            </Field>
            <Field label="form_name" testId="field-form-name" className="grow">
              <input
                data-testid="field-form-name"
                value={fields.form_name}
                onChange={(e) => s.setField('form_name', e.target.value)}
              />
            </Field>
          </div>
          {c.event === 'review' && <ReviewLevelEditor />}
          <TemplateNotice />
        </>
      )}
      <div className="composer-actions">
        <Segmented
          ariaLabel="Body mode"
          testId="composer-mode"
          value={c.mode}
          options={[
            { value: 'fields', label: 'Fields', title: 'Build the body from TrialKit fields' },
            { value: 'raw', label: 'Raw', title: 'Edit the body as raw text (sent verbatim)' }
          ]}
          onChange={s.setMode}
        />
        <button
          type="button"
          className="btn-link"
          data-testid="composer-reset"
          title="Back to TrialKit's sample values"
          disabled={!changed && c.rawBody === ''}
          onClick={s.reset}
        >
          Reset fields
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-primary btn-fire"
          data-testid="fire"
          disabled={s.pending || !s.hook}
          title="Fire (Ctrl/Cmd+Enter)"
          onClick={() => void s.fire()}
        >
          Fire {c.event} <kbd>Ctrl ↵</kbd>
        </button>
      </div>
    </section>
  )
}
