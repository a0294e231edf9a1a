import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { BUILTIN_SCENARIOS, isBuiltinScenario } from '@shared/scenarios/builtins'
import type { ScenarioTarget } from '@shared/scenarios/run-scenario'
import { describeOutcome } from '@shared/scenarios/run-scenario'
import {
  MAX_SCENARIO_FILE_BYTES,
  parseScenarioFile,
  scenarioFileName,
  serializeScenario
} from '@shared/scenarios/scenario-file'
import type { Scenario, ScenarioBehavior } from '@shared/schemas'
import { downloadText, readPickedFile } from '@renderer/lib/download'
import { activeHook } from '@renderer/store/dispatch-slice'
import { useApp } from '@renderer/store/store-context'
import { ConfirmButton } from '../common/ConfirmButton'
import { FilePickButton } from '../common/FilePickButton'
import { Segmented } from '../common/Segmented'
import '@renderer/styles/scenarios.css'
import { ForwardingQuestion } from './ForwardingQuestion'
import { PresenterOverlay } from './PresenterOverlay'
import { NEW_SCENARIO, ScenarioEditor } from './ScenarioEditor'
import { useScenarioRunner } from './use-scenario-runner'
import { errorMessage } from '@shared/error-message'

type TargetKind = 'receiver' | 'hook'

function behaviorLabel(behavior: ScenarioBehavior): string {
  if (!('status' in behavior)) return behavior.preset
  const name = behavior.preset ?? `custom, ${behavior.status}`
  return behavior.expectedAuth ? `${name}, expects credentials` : name
}

/**
 * The scenario runner: the built-in and saved scenarios, run all at once with a verdict per
 * step, or presented step by step; saved ones can be edited, exported and deleted, built-in
 * ones duplicated, and scenario files imported.
 */
export function ScenariosView() {
  const { saved, receiverUrl, hook, toast, rowOf, selectRow, saveScenario, deleteScenario } =
    useApp(
      useShallow((s) => ({
        saved: s.scenarios,
        receiverUrl: s.receiver?.running ? s.receiver.url : null,
        hook: activeHook(s),
        toast: s.toast,
        rowOf: s.history.rowOf,
        // The map is updated in place; the revision makes links appear as entries arrive.
        revision: s.history.revision,
        selectRow: s.selectRow,
        saveScenario: s.saveScenario,
        deleteScenario: s.deleteScenario
      }))
    )
  const all = [...BUILTIN_SCENARIOS, ...saved]
  const [selectedId, setSelectedId] = useState(BUILTIN_SCENARIOS[0]!.id)
  const scenario = all.find((s) => s.id === selectedId) ?? BUILTIN_SCENARIOS[0]!
  const builtin = isBuiltinScenario(scenario.id)
  const [targetKind, setTargetKind] = useState<TargetKind>('receiver')
  const [editing, setEditing] = useState<{ scenario: Scenario; id: string | null } | null>(null)
  const [presenting, setPresenting] = useState(false)
  const [importError, setImportError] = useState<string | null>(null)
  const runner = useScenarioRunner()

  const target: ScenarioTarget | null =
    targetKind === 'receiver'
      ? receiverUrl
        ? { url: receiverUrl, builtIn: true }
        : null
      : hook
        ? {
            url: hook.url,
            builtIn: false,
            // Steps without credentials of their own send the hook's, as TrialKit would.
            credentials: hook.email ? { email: hook.email, password: hook.password } : undefined
          }
        : null
  const targetProblem =
    target !== null
      ? null
      : targetKind === 'receiver'
        ? 'The built-in receiver is not running: start it in the receiver panel.'
        : 'No hook is selected: add one in the hooks panel.'

  function select(id: string): void {
    setSelectedId(id)
    runner.reset()
  }

  async function importFile(file: File): Promise<void> {
    setImportError(null)
    try {
      const draft = parseScenarioFile(await readPickedFile(file, MAX_SCENARIO_FILE_BYTES))
      const created = await saveScenario(draft)
      select(created.id)
      toast('info', `Imported the scenario “${created.name}” (${created.steps.length} steps).`)
    } catch (e) {
      setImportError(`${file.name}: ${errorMessage(e)}`)
    }
  }

  async function remove(): Promise<void> {
    try {
      await deleteScenario(scenario.id)
      select(BUILTIN_SCENARIOS[0]!.id)
    } catch (e) {
      toast('error', `Could not delete the scenario: ${errorMessage(e)}`)
    }
  }

  const passedCount = [...runner.results.values()].filter((r) => r.passed).length
  const done = runner.results.size === scenario.steps.length && !runner.runningAll

  return (
    <section
      className="panel scenarios-view"
      data-testid="scenarios-view"
      aria-labelledby="scenarios-title"
    >
      <header className="panel-head">
        <h2 id="scenarios-title">Scenarios</h2>
        <button
          type="button"
          className="btn btn-small"
          data-testid="scenario-new"
          onClick={() => setEditing({ scenario: NEW_SCENARIO, id: null })}
        >
          New
        </button>
        <FilePickButton
          label="Import…"
          accept=".json,application/json"
          className="btn btn-small"
          testId="scenario-import"
          onPick={(file) => void importFile(file)}
        />
      </header>
      {importError && (
        <p className="inline-error" role="alert" data-testid="scenario-import-error">
          {importError}
        </p>
      )}
      <div className="field-row">
        <label className="field">
          <span className="field-label">Scenario</span>
          <select
            data-testid="scenario-select"
            value={scenario.id}
            onChange={(e) => select(e.target.value)}
          >
            <optgroup label="Built in">
              {BUILTIN_SCENARIOS.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </optgroup>
            {saved.length > 0 && (
              <optgroup label="Saved">
                {saved.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <div className="field">
          <span className="field-label">Against</span>
          <Segmented
            value={targetKind}
            options={[
              {
                value: 'receiver',
                label: 'Built-in receiver',
                title: 'Each step sets the receiver behaviour first'
              },
              {
                value: 'hook',
                label: 'Active hook',
                title: 'Your endpoint answers as it does; behaviours are skipped'
              }
            ]}
            onChange={setTargetKind}
            testId="scenario-target"
            ariaLabel="Run against"
          />
        </div>
      </div>
      {scenario.description && <p className="muted scenario-description">{scenario.description}</p>}
      <div className="scenario-actions">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="scenario-run-all"
          disabled={target === null || runner.runningAll || runner.runningStep !== null}
          onClick={() => target && void runner.runAll(scenario, target)}
        >
          {runner.runningAll ? 'Running…' : 'Run all'}
        </button>
        {runner.runningAll && (
          <button type="button" className="btn" data-testid="scenario-stop" onClick={runner.stop}>
            Stop
          </button>
        )}
        <button
          type="button"
          className="btn"
          data-testid="scenario-present"
          disabled={target === null || runner.runningAll}
          onClick={() => {
            runner.reset()
            setPresenting(true)
          }}
        >
          Present…
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small"
          data-testid="scenario-edit"
          onClick={() =>
            setEditing(
              builtin
                ? { scenario: { ...scenario, name: `${scenario.name} (copy)` }, id: null }
                : { scenario, id: scenario.id }
            )
          }
        >
          {builtin ? 'Duplicate' : 'Edit'}
        </button>
        <button
          type="button"
          className="btn btn-small"
          data-testid="scenario-export"
          onClick={() => downloadText(scenarioFileName(scenario), serializeScenario(scenario))}
        >
          Export
        </button>
        {!builtin && (
          <ConfirmButton
            label="Delete"
            title="Delete this scenario?"
            message={`“${scenario.name}” is removed from your saved scenarios. Export it first to keep a copy.`}
            confirmLabel="Delete"
            className="btn btn-small"
            testId="scenario-delete"
            onConfirm={() => void remove()}
          />
        )}
      </div>
      {targetProblem && <p className="inline-error">{targetProblem}</p>}
      {runner.error && <p className="inline-error">{runner.error}</p>}
      {done && (
        <p
          className={passedCount === scenario.steps.length ? 'step-pass' : 'step-fail'}
          data-testid="scenario-summary"
        >
          {passedCount} of {scenario.steps.length} steps as expected.
        </p>
      )}
      <ol className="verdict-list" data-testid="scenario-steps">
        {scenario.steps.map((step, i) => {
          const r = runner.results.get(i)
          const row = r?.exchange ? rowOf.get(r.exchange.id) : undefined
          const state = r
            ? r.passed
              ? 'pass'
              : 'fail'
            : runner.runningStep === i
              ? 'running'
              : 'idle'
          return (
            <li
              key={i}
              className={`verdict-item v-${state}`}
              data-testid={`scenario-step-${i}`}
              data-state={state}
            >
              <span className="verdict-mark" aria-hidden="true">
                {state === 'pass'
                  ? '✓'
                  : state === 'fail'
                    ? '✗'
                    : state === 'running'
                      ? '…'
                      : i + 1}
              </span>
              <div className="verdict-body">
                <div className="verdict-title">{step.title}</div>
                <div className="muted">
                  {step.event}
                  {step.behavior && targetKind === 'receiver'
                    ? ` · receiver: ${behaviorLabel(step.behavior)}`
                    : ''}{' '}
                  · expects {describeOutcome(step.expect)}
                </div>
                {r && (
                  <div className="step-result">
                    got {describeOutcome(r.actual)}
                    {r.message && <span className="muted"> — {r.message}</span>}
                    {row && (
                      <button type="button" className="btn-link" onClick={() => selectRow(row)}>
                        inspect
                      </button>
                    )}
                  </div>
                )}
              </div>
            </li>
          )
        })}
      </ol>
      {editing && (
        <ScenarioEditor
          scenario={editing.scenario}
          id={editing.id}
          onClose={() => setEditing(null)}
          onSaved={(s) => {
            setEditing(null)
            select(s.id)
            toast('info', `Saved the scenario “${s.name}”.`)
          }}
        />
      )}
      {presenting && target && (
        <PresenterOverlay
          scenario={scenario}
          target={target}
          runner={runner}
          onClose={() => setPresenting(false)}
        />
      )}
      {runner.question && <ForwardingQuestion question={runner.question} />}
    </section>
  )
}
