import { useEffect, useRef, useState } from 'react'
import { useFocusTrap } from '@renderer/hooks/use-focus-trap'
import { describeOutcome, type ScenarioTarget } from '@shared/scenarios/run-scenario'
import type { Scenario } from '@shared/schemas'
import { useShallow } from 'zustand/react/shallow'
import { useApp } from '@renderer/store/store-context'
import { stepFacts } from './presenter-data'
import { PresenterStage } from './PresenterStage'
import { usePresenterSize } from './use-presenter-size'
import type { useScenarioRunner } from './use-scenario-runner'
import '@renderer/styles/flow.css'
import '@renderer/styles/presenter.css'

type Runner = ReturnType<typeof useScenarioRunner>

const EVENT_LABELS = { insert: 'OnInsert', update: 'OnUpdate', review: 'OnReview' } as const

/**
 * Presenter mode: one step at a time, for a room — the flow drawn large and live beside the
 * payload, what the receiver got and the TrialKit user's screen. ← / → move, Enter plays,
 * F full screen, N speaker notes, C high contrast, Esc leaves (and the receiver gets its own
 * behaviour back). A step already played shows what it gave.
 */
export function PresenterOverlay(props: {
  scenario: Scenario
  target: ScenarioTarget
  runner: Runner
  onClose: () => void
}) {
  const { scenario, target, runner, onClose } = props
  const [index, setIndex] = useState(0)
  // Notes start hidden (the room sees the screen); the presenter's choice is remembered.
  const { notesPreferred, saveNotes } = useApp(
    useShallow((s) => ({
      notesPreferred: s.preferences?.presenterNotes ?? false,
      saveNotes: s.savePresenterNotes
    }))
  )
  const [notes, setNotesShown] = useState(notesPreferred)
  const setNotes = (update: (shown: boolean) => boolean): void => {
    const next = update(notes)
    setNotesShown(next)
    void saveNotes(next)
  }
  const [contrast, setContrast] = useState(false)
  const [fullscreen, setFullscreen] = useState(false)
  const [playedAt, setPlayedAt] = useState<number | null>(null)
  const step = scenario.steps[index]!
  const result = runner.results.get(index)
  const busy = runner.runningStep !== null
  const ref = useRef<HTMLDivElement>(null)
  const size = usePresenterSize()

  const go = (next: number): void => {
    if (next >= 0 && next < scenario.steps.length) setIndex(next)
  }
  const play = (): void => {
    if (busy) return
    setPlayedAt(Date.now())
    void runner.playStep(scenario, index, target)
  }
  const close = (): void => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
    void runner.finish()
    onClose()
  }
  const toggleFullscreen = (): void => {
    if (document.fullscreenElement) {
      void document.exitFullscreen().catch(() => undefined)
    } else {
      ref.current?.requestFullscreen?.().catch(() => undefined)
    }
  }

  useFocusTrap(ref)
  useEffect(() => {
    const change = (): void => setFullscreen(document.fullscreenElement !== null)
    document.addEventListener('fullscreenchange', change)
    return () => document.removeEventListener('fullscreenchange', change)
  }, [])
  useEffect(() => {
    function onKey(e: KeyboardEvent): void {
      if (e.altKey || e.ctrlKey || e.metaKey) return
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key
      if (key === 'Escape') {
        if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
        else close()
      } else if (key === 'ArrowRight') go(index + 1)
      else if (key === 'ArrowLeft') go(index - 1)
      else if (key === 'Enter' && !result && (e.target as Element | null)?.tagName !== 'BUTTON')
        play()
      else if (key === 'f') toggleFullscreen()
      else if (key === 'n') setNotes((v) => !v)
      else if (key === 'c') setContrast((v) => !v)
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  return (
    <div
      className={`presenter ${contrast ? 'presenter-hc' : ''}`}
      role="dialog"
      aria-modal="true"
      aria-label={`Presenting ${scenario.name}`}
      data-testid="presenter"
      data-contrast={contrast}
      tabIndex={-1}
      ref={ref}
      style={{ fontSize: size.body }}
    >
      <header className="presenter-head">
        <span className="presenter-name">{scenario.name}</span>
        <span className="presenter-count" data-testid="presenter-count">
          Step {index + 1} of {scenario.steps.length}
        </span>
        <span className="pr-tools">
          <button
            type="button"
            className="btn"
            aria-pressed={contrast}
            data-testid="presenter-contrast"
            onClick={() => setContrast((v) => !v)}
          >
            High contrast (C)
          </button>
          <button
            type="button"
            className="btn"
            aria-pressed={notes}
            data-testid="presenter-notes-toggle"
            onClick={() => setNotes((v) => !v)}
          >
            {notes ? 'Hide notes (N)' : 'Show notes (N)'}
          </button>
          <button
            type="button"
            className="btn"
            aria-pressed={fullscreen}
            data-testid="presenter-fullscreen"
            onClick={toggleFullscreen}
          >
            {fullscreen ? 'Exit full screen (F)' : 'Full screen (F)'}
          </button>
          <button type="button" className="btn" data-testid="presenter-close" onClick={close}>
            Leave (Esc)
          </button>
        </span>
      </header>
      <div className="pr-titlebar">
        <h1 className="presenter-title" data-testid="presenter-title">
          {step.title}
        </h1>
        <p className="presenter-event">
          <code>{EVENT_LABELS[step.event]}</code>
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
          {result && runner.runningStep !== index && (
            <span
              className={result.passed ? 'step-pass' : 'step-fail'}
              data-testid="step-outcome"
              data-passed={result.passed}
            >
              {' '}
              · {result.passed ? '✓ as expected' : `✗ got ${describeOutcome(result.actual)}`}
            </span>
          )}
        </p>
      </div>
      <main className="presenter-main">
        <PresenterStage
          scenario={scenario}
          index={index}
          target={target}
          result={result}
          playingSince={runner.runningStep === index ? (playedAt ?? Date.now()) : null}
          fontSize={size.diagram}
          axisHeight={size.axis}
        />
        {runner.error && <p className="inline-error">{runner.error}</p>}
      </main>
      {notes && (
        <aside className="pr-notes" aria-label="Speaker notes" data-testid="presenter-notes">
          <span className="pr-notes-tag">Notes</span>{' '}
          <span data-testid="presenter-facts">{stepFacts(scenario, index, target.builtIn)}</span>
          {step.narration ? ` ${step.narration}` : ''}
        </aside>
      )}
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
                aria-label={`${s.title}${r ? (r.passed ? ', as expected' : ', not as expected') : ''}`}
                aria-current={i === index ? 'step' : undefined}
              />
            )
          })}
        </ol>
        {result && !busy ? (
          <button type="button" className="btn" data-testid="presenter-replay" onClick={play}>
            Play again
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary presenter-play"
            data-testid="presenter-play"
            onClick={play}
            disabled={busy}
          >
            {runner.runningStep === index ? 'Saving…' : '▶ Save the record (Enter)'}
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
