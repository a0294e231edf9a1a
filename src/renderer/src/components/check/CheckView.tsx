import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { MAX_CHECK_REQUESTS, type CheckItem } from '@shared/check'
import { activeHook } from '@renderer/store/dispatch-slice'
import { useApp } from '@renderer/store/store-context'
import {
  CredentialFields,
  EndpointUrlField,
  TimeoutField,
  UseHookButton
} from '../common/EndpointFields'
import '@renderer/styles/check.css'
import { countsText, verdictText } from './check-summary'
import { useCheck, type CheckForm } from './use-check'

const MARKS: Record<CheckItem['status'], string> = {
  pass: '✓',
  warn: '!',
  fail: '✗',
  skip: '–',
  'not-run': '–'
}

/**
 * The "Check endpoint" view: runs the readiness check against a URL (the active hook's by default)
 * and shows the checklist; each item links to its exchanges in the timeline.
 */
export function CheckView() {
  const { hook, receiverUrl, rowOf, selectRow } = useApp(
    useShallow((s) => ({
      hook: activeHook(s),
      receiverUrl: s.receiver?.url ?? null,
      rowOf: s.history.rowOf,
      // The map is updated in place; the revision makes links appear as entries arrive.
      revision: s.history.revision,
      selectRow: s.selectRow
    }))
  )
  const [form, setForm] = useState<CheckForm>(() => ({
    url: hook?.url ?? receiverUrl ?? '',
    email: hook?.email ?? '',
    password: hook?.password ?? '',
    timeoutSeconds: String(hook?.timeoutSeconds ?? 30)
  }))
  const check = useCheck()
  const patch = (p: Partial<CheckForm>): void => setForm((f) => ({ ...f, ...p }))
  const report = check.report

  return (
    <section className="panel check-view" data-testid="check-view" aria-labelledby="check-title">
      <header className="panel-head">
        <h2 id="check-title">Check endpoint</h2>
        <UseHookButton prefix="check" hook={hook} onUse={setForm} />
      </header>
      <p className="muted check-intro">
        Will this endpoint survive TrialKit? Each event is sent a few times, then credentials,
        repeats, a LockBroken review, an extra field and bad input are tried — at most{' '}
        {MAX_CHECK_REQUESTS} requests, each in the timeline.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void check.run(form)
        }}
      >
        <EndpointUrlField
          prefix="check"
          value={form.url}
          error={check.fieldErrors.url}
          onChange={(url) => patch({ url })}
        />
        <div className="field-row">
          <CredentialFields
            prefix="check"
            email={form.email}
            password={form.password}
            emailError={check.fieldErrors.email}
            onChange={patch}
          />
          <TimeoutField
            prefix="check"
            value={form.timeoutSeconds}
            error={check.fieldErrors.timeoutSeconds}
            onChange={(timeoutSeconds) => patch({ timeoutSeconds })}
          />
        </div>
        <div className="check-actions">
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="check-run"
            disabled={check.running}
          >
            {check.running ? 'Checking…' : 'Run check'}
          </button>
          {check.error && (
            <span className="inline-error" role="alert" data-testid="check-error">
              {check.error}
            </span>
          )}
        </div>
      </form>
      {report && (
        <div className="check-report" data-testid="check-report" data-verdict={report.verdict}>
          <p className={`check-verdict check-${report.verdict}`} data-testid="check-verdict">
            {verdictText(report)}{' '}
            <span className="muted" data-testid="check-counts">
              {countsText(report)}
            </span>
          </p>
          {report.rootCause && (
            <div className="check-root-cause" data-testid="check-root-cause">
              <p>
                <strong>Root cause:</strong> {report.rootCause.summary}
              </p>
              <ul className="check-evidence">
                {report.rootCause.evidence.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </div>
          )}
          <ol className="verdict-list">
            {report.items.map((item) => (
              <li
                key={item.id}
                className={`verdict-item v-${item.status}`}
                data-testid={`check-item-${item.id}`}
                data-status={item.status}
              >
                <span
                  className="verdict-mark"
                  aria-label={item.status === 'not-run' ? 'not run' : item.status}
                >
                  {MARKS[item.status]}
                </span>
                <div className="verdict-body">
                  <div className="verdict-title">
                    {item.title}
                    {item.status === 'not-run' && (
                      <span className="verdict-status muted"> not run</span>
                    )}
                  </div>
                  <div>{item.summary}</div>
                  {item.evidence.length > 0 && (
                    <ul className="check-evidence">
                      {item.evidence.map((line, i) => {
                        const exchangeId = item.exchangeIds[i]
                        const row = exchangeId ? rowOf.get(exchangeId) : undefined
                        return (
                          <li key={i}>
                            {row ? (
                              <button
                                type="button"
                                className="btn-link check-link"
                                title="Show this exchange in the inspector"
                                onClick={() => selectRow(row)}
                              >
                                {line}
                              </button>
                            ) : (
                              line
                            )}
                          </li>
                        )
                      })}
                    </ul>
                  )}
                </div>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  )
}
