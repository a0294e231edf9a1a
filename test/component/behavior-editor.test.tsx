// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { BehaviorEditor } from '@renderer/components/receiver/BehaviorEditor'
import { behaviorPreset } from '@shared/presets'
import { BehaviorSchema, type Behavior } from '@shared/schemas'
import { makeHook } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

const change = (testId: string, value: string): void => {
  fireEvent.change(screen.getByTestId(testId), { target: { value } })
}
const click = (testId: string): void => {
  fireEvent.click(screen.getByTestId(testId))
}

async function apply(): Promise<void> {
  await act(async () => {
    fireEvent.click(screen.getByTestId('behavior-apply'))
  })
}

describe('behavior editor', () => {
  it('sets forwarding, names a bad URL, and keeps it on across a preset', async () => {
    const r = await renderWithStore(<BehaviorEditor />)
    change('behavior-forward-to', 'ftp://nope/')
    await apply()
    expect(screen.getByTestId('behavior-forward-to-error').textContent).toMatch(
      /absolute http:\/\/ or https:\/\//
    )
    expect(r.bridge.callsOf('setBehavior')).toHaveLength(0)
    change('behavior-forward-to', ' https://real.example/hook ')
    await apply()
    expect(r.bridge.callsOf('setBehavior').at(-1)?.[0]).toMatchObject({
      forwardTo: 'https://real.example/hook'
    })
    await act(async () => {
      change('behavior-preset', 'Slow')
    })
    expect(r.bridge.callsOf('setBehavior').at(-1)?.[0]).toMatchObject({
      preset: 'Slow',
      forwardTo: 'https://real.example/hook'
    })
  })

  it('a preset keeps the expected credentials: a click never opens a public receiver', async () => {
    const bridge = new FakeBridge()
    const expectedAuth = { email: 'ann@site.org', password: 's3cret' }
    bridge.settings = {
      ...bridge.settings,
      behavior: { ...behaviorPreset('Healthy'), expectedAuth }
    }
    const r = await renderWithStore(<BehaviorEditor />, bridge)
    await act(async () => {
      change('behavior-preset', 'Server error')
    })
    expect(r.bridge.callsOf('setBehavior')).toEqual([
      [{ ...behaviorPreset('Server error'), expectedAuth }]
    ])
  })

  it('applies a preset as it is', async () => {
    const r = await renderWithStore(<BehaviorEditor />)
    await act(async () => {
      change('behavior-preset', 'Slower than timeout')
    })
    // No hook yet: the default 30 s timeout, so it answers after 35 s and says so.
    expect(r.bridge.callsOf('setBehavior')).toEqual([
      [behaviorPreset('Slower than timeout', 30_000)]
    ])
    expect(behaviorPreset('Slower than timeout', 30_000).delay).toEqual({
      minMs: 35_000,
      maxMs: 35_000
    })
    expect(screen.getByTestId('behavior-state').textContent).toContain('Slower than timeout')
    expect(screen.getByTestId('behavior-preset-note').textContent).toBe(
      'Answers after 35 s: the active hook’s timeout (30 s) + 5 s, so TrialKit gives up first.'
    )
  })

  it('says in one line what each other preset does', async () => {
    await renderWithStore(<BehaviorEditor />)
    const said: Record<string, string> = {}
    for (const name of ['Healthy', 'Unauthorized', 'Flaky', 'Hang']) {
      await act(async () => {
        change('behavior-preset', name)
      })
      said[name] = screen.getByTestId('behavior-preset-note').textContent!
    }
    expect(said).toEqual({
      Healthy: 'Answers 200 at once.',
      Unauthorized: 'Answers 401 to every request at once, whatever credentials it carries.',
      Flaky: 'Answers 200 at once; 50% of requests, chosen at random, get 503 instead.',
      Hang: 'Holds the connection open and never answers.'
    })
  })

  it('makes Slower than timeout 5 s longer than the active hook’s timeout, up to 300 s', async () => {
    const bridge = new FakeBridge()
    bridge.settings.hooks = [makeHook({ timeoutSeconds: 300 })]
    bridge.settings.preferences.activeHookId = 'hook_1'
    const r = await renderWithStore(<BehaviorEditor />, bridge)
    await act(async () => {
      change('behavior-preset', 'Slower than timeout')
    })
    const [[sent]] = r.bridge.callsOf('setBehavior') as [[{ delay: unknown }]]
    expect(sent.delay).toEqual({ minMs: 305_000, maxMs: 305_000 })
    expect(screen.getByTestId('behavior-preset-note').textContent).toContain('Answers after 305 s')
  })

  it('turns preset + edits into a valid Behavior: delay range, review-only override, credentials', async () => {
    const r = await renderWithStore(<BehaviorEditor />)
    await act(async () => {
      change('behavior-preset', 'Slow')
    })
    click('behavior-delay-mode-range')
    change('behavior-delay-min', '150')
    change('behavior-delay-max', '900')
    click('override-review-enabled')
    change('override-review-status', '503')
    change('override-review-fault', 'reset')
    click('behavior-expect-auth')
    change('behavior-auth-email', 'ann@site.org')
    change('behavior-auth-password', 'p:w')
    expect(screen.getByTestId('behavior-editor').dataset.dirty).toBe('true')
    expect(screen.getByTestId('behavior-state').textContent).toBe('Unsaved changes')
    await apply()
    const sent = r.bridge.callsOf('setBehavior').at(-1)![0] as Behavior
    expect(BehaviorSchema.safeParse(sent).success).toBe(true)
    expect(sent).toEqual({
      ...behaviorPreset('Slow'),
      delay: { minMs: 150, maxMs: 900 },
      overrides: { review: { status: 503, fault: 'reset' } },
      expectedAuth: { email: 'ann@site.org', password: 'p:w' },
      preset: null
    })
    expect(screen.getByTestId('behavior-editor').dataset.dirty).toBe('false')
  })

  it('keeps a fixed delay fixed and a failure rate as a share', async () => {
    const r = await renderWithStore(<BehaviorEditor />)
    change('behavior-delay-min', '2500')
    change('behavior-failure-rate', '25')
    change('behavior-failure-status', '502')
    change('behavior-headers-value-0', 'text/plain')
    click('behavior-headers-add')
    change('behavior-headers-name-1', 'X-Trace')
    change('behavior-headers-value-1', 'abc')
    await apply()
    const sent = r.bridge.callsOf('setBehavior').at(-1)![0] as Behavior
    expect(sent.delay).toEqual({ minMs: 2500, maxMs: 2500 })
    expect(sent.failure).toEqual({ rate: 0.25, status: 502, fault: 'none' })
    expect(sent.headers).toEqual([
      ['Content-Type', 'text/plain'],
      ['X-Trace', 'abc']
    ])
  })

  it('shows field errors for bad input and does not send it', async () => {
    const r = await renderWithStore(<BehaviorEditor />)
    change('behavior-status', '99')
    click('behavior-delay-mode-range')
    change('behavior-delay-min', '500')
    change('behavior-delay-max', '100')
    click('override-review-enabled')
    change('override-review-status', 'abc')
    click('behavior-headers-add')
    await apply()
    expect(r.bridge.callsOf('setBehavior')).toEqual([])
    // The schema's rule, in the words the API and the scenario editor use too.
    expect(screen.getByTestId('behavior-status-error').textContent).toBe(
      'Status must be an HTTP status, a whole number from 100 to 599.'
    )
    expect(screen.getByTestId('behavior-delay-max-error').textContent).toContain(
      'must not be below'
    )
    expect(screen.getByTestId('override-review-status-error').textContent).toBe(
      'Status must be an HTTP status, a whole number from 100 to 599.'
    )
    expect(screen.getByTestId('behavior-headers-error-1').textContent).toContain(
      'must not be empty'
    )
    // Fixing a field clears its error.
    change('behavior-status', '200')
    expect(screen.queryByTestId('behavior-status-error')).toBeNull()
  })

  it('reverts unsaved edits to the applied behavior', async () => {
    const r = await renderWithStore(<BehaviorEditor />)
    change('behavior-status', '418')
    expect(screen.getByTestId('behavior-state').textContent).toBe('Unsaved changes')
    click('behavior-revert')
    expect((screen.getByTestId('behavior-status') as HTMLInputElement).value).toBe('200')
    expect(screen.getByTestId('behavior-editor').dataset.dirty).toBe('false')
    expect(r.bridge.callsOf('setBehavior')).toEqual([])
  })
})
