import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import {
  MAX_CAPACITY_CONCURRENCY,
  MAX_CAPACITY_REQUESTS,
  type CapacityRequest
} from '@shared/capacity'
import { HOOK_EVENTS, type HookEvent } from '@shared/trialkit'
import { activeHook } from '@renderer/store/dispatch-slice'
import { useApp } from '@renderer/store/store-context'
import {
  CredentialFields,
  EndpointUrlField,
  TimeoutField,
  UseHookButton
} from '../common/EndpointFields'
import { Field } from '../common/Field'
import { Modal } from '../common/Modal'
import '@renderer/styles/capacity.css'
import {
  DEFAULT_LEVELS_TEXT,
  parseCapacityForm,
  type CapacityForm,
  type CapacityFormErrors
} from './capacity-form'
import { isLoopbackUrl } from '@shared/loopback'
import { CapacityChart } from './CapacityChart'
import { CapacityReport, CapacityTable } from './CapacityReport'
import { useCapacity } from './use-capacity'

/**
 * The "Capacity" view: how many site users saving at once can this hook hold? The same form as
 * the endpoint check (the active hook's URL by default), a chart that fills in while the run goes
 * on, and the answer in one sentence. A URL that is not on this machine needs confirming first.
 */
export function CapacityView() {
  const { hook, receiverUrl, progress } = useApp(
    useShallow((s) => ({
      hook: activeHook(s),
      receiverUrl: s.receiver?.url ?? null,
      progress: s.capacityProgress
    }))
  )
  // The inputs live in the store, so leaving this view and coming back keeps them (and with them
  // the inputs of the report shown below); until one is changed they follow the active hook.
  const stored = useApp((s) => s.capacityForm)
  const setForm = useApp((s) => s.setCapacityForm)
  const form: CapacityForm = stored ?? {
    url: hook?.url ?? receiverUrl ?? '',
    email: hook?.email ?? '',
    password: hook?.password ?? '',
    event: 'insert',
    levels: DEFAULT_LEVELS_TEXT,
    requests: '',
    timeoutSeconds: String(hook?.timeoutSeconds ?? 30)
  }
  const [errors, setErrors] = useState<CapacityFormErrors>({})
  const [confirming, setConfirming] = useState<{ request: CapacityRequest; total: number } | null>(
    null
  )
  const capacity = useCapacity()
  const patch = (p: Partial<CapacityForm>): void => setForm({ ...form, ...p })
  // A run may be under way from before this view was opened: its progress says so.
  const running = capacity.running || (progress !== null && !progress.done)

  const submit = (): void => {
    // Kept as run, so the report below keeps showing the inputs it was made from.
    setForm(form)
    const parsed = parseCapacityForm(form)
    if (!parsed.ok) {
      setErrors(parsed.errors)
      return
    }
    setErrors({})
    if (isLoopbackUrl(parsed.request.url)) void capacity.start(parsed.request)
    else setConfirming({ request: parsed.request, total: parsed.total })
  }

  const live = running && progress ? progress : null
  const liveSteps = live
    ? [...live.steps, ...(live.current && live.current.step.sent > 0 ? [live.current.step] : [])]
    : []

  return (
    <section
      className="panel capacity-view"
      data-testid="capacity-view"
      aria-labelledby="capacity-title"
    >
      <header className="panel-head">
        <h2 id="capacity-title">Capacity</h2>
        <UseHookButton prefix="capacity" hook={hook} onUse={patch} />
      </header>
      <p className="muted check-intro">
        How many site users saving at once can this hook hold? Each level sends events as TrialKit
        does with exactly that many in flight (4 × the level unless you say otherwise), at most{' '}
        {MAX_CAPACITY_CONCURRENCY} at once and {MAX_CAPACITY_REQUESTS} in a run. The run is one
        timeline entry.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <EndpointUrlField
          prefix="capacity"
          value={form.url}
          error={errors.url}
          onChange={(url) => patch({ url })}
        />
        <div className="field-row">
          <CredentialFields
            prefix="capacity"
            email={form.email}
            password={form.password}
            emailError={errors.email}
            onChange={patch}
          />
          <Field label="Event" className="field-narrow">
            <select
              data-testid="capacity-event"
              value={form.event}
              onChange={(e) => patch({ event: e.target.value as HookEvent })}
            >
              {HOOK_EVENTS.map((ev) => (
                <option key={ev} value={ev}>
                  {ev}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="field-row">
          <Field label="Site users at once" error={errors.levels} testId="capacity-levels">
            <input
              data-testid="capacity-levels"
              value={form.levels}
              onChange={(e) => patch({ levels: e.target.value })}
            />
          </Field>
          <Field label="Requests per level" error={errors.requests} testId="capacity-requests">
            <input
              data-testid="capacity-requests"
              inputMode="numeric"
              placeholder="4 × the level"
              value={form.requests}
              onChange={(e) => patch({ requests: e.target.value })}
            />
          </Field>
          <TimeoutField
            prefix="capacity"
            value={form.timeoutSeconds}
            error={errors.timeoutSeconds}
            onChange={(timeoutSeconds) => patch({ timeoutSeconds })}
          />
        </div>
        <div className="check-actions">
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="capacity-run"
            disabled={running}
          >
            {running ? 'Running…' : 'Run capacity check'}
          </button>
          {running && (
            <button
              type="button"
              className="btn"
              data-testid="capacity-stop"
              onClick={() => void capacity.stop()}
            >
              Stop
            </button>
          )}
          {live?.current && (
            <span className="muted" data-testid="capacity-progress" aria-live="polite">
              At {live.current.step.concurrency}: {live.current.step.sent} of {live.current.planned}{' '}
              answered
            </span>
          )}
          {capacity.error && (
            <span className="inline-error" role="alert" data-testid="capacity-error">
              {capacity.error}
            </span>
          )}
        </div>
      </form>
      {live && (
        <div className="capacity-report" data-testid="capacity-live">
          <CapacityChart steps={liveSteps} levels={live.levels} timeoutMs={live.timeoutMs} />
          <CapacityTable steps={liveSteps} capacity={null} timeoutMs={live.timeoutMs} />
        </div>
      )}
      {!running && capacity.run && <CapacityReport run={capacity.run} />}
      {confirming && (
        <Modal
          title="Send this traffic?"
          testId="capacity-confirm"
          onClose={() => setConfirming(null)}
        >
          <h2 className="modal-title">Send real traffic to another machine?</h2>
          <p>
            The capacity check sends{' '}
            <strong data-testid="capacity-confirm-total">{confirming.total} requests</strong>, up to{' '}
            {Math.max(...(confirming.request.levels ?? [1]))} at once, to
          </p>
          <p className="mono capacity-confirm-url" data-testid="capacity-confirm-url">
            {confirming.request.url}
          </p>
          <p className="muted">Only run it against an endpoint you are allowed to load.</p>
          <div className="modal-actions">
            <button type="button" className="btn" onClick={() => setConfirming(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-autofocus
              data-testid="capacity-confirm-send"
              onClick={() => {
                const { request } = confirming
                setConfirming(null)
                void capacity.start({ ...request, confirmed: true })
              }}
            >
              Send {confirming.total} requests
            </button>
          </div>
        </Modal>
      )}
    </section>
  )
}
