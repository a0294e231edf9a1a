import { useEffect, useRef, useState } from 'react'
import { useFocusTrap } from '../../hooks/use-focus-trap'
import type { ScenarioTarget } from '../../../../shared/scenarios/run-scenario'
import type { Scenario } from '../../../../shared/schemas'
import { StepOutcome } from './StepOutcome'
import type { useScenarioRunner } from './use-scenario-runner'

type Runner = ReturnType<typeof useScenarioRunner>

const EVENT_LABELS = { insert: 'OnInsert', update: 'OnUpdate', review: 'OnReview' } as const

/**
 * Presenter mode: one step at a time in large type for a room — the narration, the event, a
 * button to play it, and what the TrialKit user then sees. ← / → move, Enter plays, Esc leaves
 * (and the receiver gets its own behaviour back).
 */
export function PresenterOverlay(props: {
  scenario: Scenario
  target: ScenarioTarget
  runner: Runner
  onClose: () => void
}) {
  const { scenario, target, runner, onClose } = props
  const [index, setIndex] = useState(0)
  const step = scenario.steps[index]!
  const result = runner.results.get(index)
  const busy = runner.runningStep !== null
  const ref = useRef<HTMLDivElement>(null)

  const go = (next: number): void => {
    if (next >= 0 && next < scenario.steps.length) setIndex(next)
  }
  const play = (): void => {
    if (!busy) void runner.playStep(scenario, index, target)
  }
  const close = (): void => {
    void runner.finish()
    onClose()
  }

  useFocusTrap(ref)
  useEffect(() => {
    function onKey(e: KeyboardEvent): void {
      if (e.key === 'Escape') close()
      else if (e.key === 'ArrowRight') go(index + 1)
      else if (e.key === 'ArrowLeft') go(index - 1)
      // Enter on a focused button is that button's; elsewhere it plays the step.
      else if (e.key === 'Enter' && !result && !(e.target instanceof HTMLButtonElement)) play()
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  return (
    <div
      className="presenter"
      role="dialog"
      aria-modal="true"
      aria-label={`Presenting ${scenario.name}`}
      data-testid="presenter"
      tabIndex={-1}
      ref={ref}
    >
      <header className="presenter-head">
        <span className="presenter-name">{scenario.name}</span>
        <span className="presenter-count" data-testid="presenter-count">
          Step {index + 1} of {scenario.steps.length}
        </span>
        <button type="button" className="btn" data-testid="presenter-close" onClick={close}>
          Leave (Esc)
        </button>
      </header>
      <main className="presenter-main">
        <h1 className="presenter-title" data-testid="presenter-title">
          {step.title}
        </h1>
        {step.narration && <p className="presenter-narration">{step.narration}</p>}
        <p className="presenter-event">
          TrialKit sends <code>{EVENT_LABELS[step.event]}</code>
          {step.fields?.LockBroken ? (
            <>
              {' '}
              with <code>LockBroken: true</code>
            </>
          ) : null}{' '}
          · expects{' '}
          {step.expect.outcome === 'success'
            ? 'the record saved'
            : `a ProtocolError (${step.expect.kind})`}
        </p>
        <div className="presenter-stage">
          {runner.runningStep === index ? (
            <div className="tk-box" data-testid="presenter-waiting">
              <div className="tk-title">TrialKit</div>
              <div className="tk-content tk-waiting">
                <span className="spinner" aria-hidden="true" /> Saving record… waiting for the study
                hook
              </div>
            </div>
          ) : result ? (
            <StepOutcome result={result} large />
          ) : (
            <button
              type="button"
              className="btn btn-primary presenter-play"
              data-testid="presenter-play"
              onClick={play}
              disabled={busy}
            >
              ▶ Save the record (Enter)
            </button>
          )}
        </div>
        {runner.error && <p className="inline-error">{runner.error}</p>}
      </main>
      <footer className="presenter-foot">
        <button
          type="button"
          className="btn"
          data-testid="presenter-prev"
          disabled={index === 0}
          onClick={() => go(index - 1)}
        >
          ← Previous
        </button>
        <ol className="presenter-dots" aria-label="Steps">
          {scenario.steps.map((s, i) => {
            const r = runner.results.get(i)
            return (
              <li
                key={i}
                className={`dot ${i === index ? 'dot-on' : ''} ${r ? (r.passed ? 'dot-pass' : 'dot-fail') : ''}`}
                title={s.title}
              />
            )
          })}
        </ol>
        {result && !busy && (
          <button type="button" className="btn" data-testid="presenter-replay" onClick={play}>
            Play again
          </button>
        )}
        <button
          type="button"
          className="btn btn-primary"
          data-testid="presenter-next"
          disabled={index === scenario.steps.length - 1}
          onClick={() => go(index + 1)}
        >
          Next →
        </button>
      </footer>
    </div>
  )
}
