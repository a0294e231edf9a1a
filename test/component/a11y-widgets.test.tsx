// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useRef, useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { Segmented } from '@renderer/components/common/Segmented'
import { outcomeSentence } from '@renderer/components/dispatch/DispatchAnnouncer'
import { useFocusTrap } from '@renderer/hooks/use-focus-trap'
import type { DispatchState } from '@renderer/store/dispatch-types'
import { makeExchange } from '../helpers/builders'

afterEach(cleanup)

const OPTIONS = [
  { value: 'a', label: 'A' },
  { value: 'b', label: 'B', disabled: true },
  { value: 'c', label: 'C' }
] as const

function Tabs(props: { panelId?: string }) {
  const [value, setValue] = useState<'a' | 'b' | 'c'>('a')
  return (
    <Segmented
      value={value}
      options={OPTIONS}
      onChange={setValue}
      testId="seg"
      ariaLabel="Letters"
      panelId={props.panelId}
    />
  )
}

describe('Segmented', () => {
  it('is one Tab stop; the arrows, Home and End pick and focus the enabled options', () => {
    render(<Tabs />)
    const a = screen.getByTestId('seg-a')
    const c = screen.getByTestId('seg-c')
    expect(a.tabIndex).toBe(0)
    expect(c.tabIndex).toBe(-1)
    expect(screen.getByRole('radiogroup')).toBeTruthy()
    a.focus()
    fireEvent.keyDown(a, { key: 'ArrowRight' })
    expect(c.getAttribute('aria-checked')).toBe('true')
    expect(c.tabIndex).toBe(0)
    expect(document.activeElement).toBe(c)
    fireEvent.keyDown(c, { key: 'ArrowRight' })
    expect(a.getAttribute('aria-checked')).toBe('true')
    fireEvent.keyDown(a, { key: 'End' })
    expect(c.getAttribute('aria-checked')).toBe('true')
    fireEvent.keyDown(c, { key: 'Home' })
    expect(a.getAttribute('aria-checked')).toBe('true')
  })

  it('with a panel id is a tab list whose selected tab controls the panel', () => {
    render(<Tabs panelId="panel" />)
    const a = screen.getByRole('tab', { name: 'A' })
    expect(screen.getByRole('tablist')).toBeTruthy()
    expect(a.getAttribute('aria-selected')).toBe('true')
    expect(a.getAttribute('aria-controls')).toBe('panel')
    expect(a.id).toBe('panel-tab-a')
    expect(a.hasAttribute('aria-checked')).toBe(false)
  })
})

function Dialog(props: { onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null)
  useFocusTrap(ref)
  return (
    <div ref={ref} tabIndex={-1} role="dialog" aria-label="Test">
      <button type="button">first</button>
      <button type="button" data-autofocus onClick={props.onClose}>
        last
      </button>
    </div>
  )
}

function Page() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        open
      </button>
      {open && <Dialog onClose={() => setOpen(false)} />}
    </>
  )
}

describe('useFocusTrap', () => {
  it('moves the focus in, wraps Tab inside, and gives the focus back on close', () => {
    render(<Page />)
    const opener = screen.getByRole('button', { name: 'open' })
    opener.focus()
    fireEvent.click(opener)
    const first = screen.getByRole('button', { name: 'first' })
    const last = screen.getByRole('button', { name: 'last' })
    expect(document.activeElement).toBe(last)
    const tab = fireEvent.keyDown(last, { key: 'Tab' })
    expect(tab).toBe(false)
    expect(document.activeElement).toBe(first)
    fireEvent.keyDown(first, { key: 'Tab', shiftKey: true })
    expect(document.activeElement).toBe(last)
    fireEvent.click(last)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(opener)
  })
})

describe('outcomeSentence', () => {
  const base: DispatchState = {
    phase: 'saved',
    hookId: 'h1',
    hookName: 'Receiver',
    event: 'insert',
    timeoutMs: 30_000,
    startedAt: 0,
    exchangeId: 'ex_1',
    abortRequested: false,
    exchange: null
  }

  it('says what came of a fired event', () => {
    const ok = makeExchange({})
    expect(outcomeSentence({ ...base, exchange: ok })).toMatch(/^Record saved: .* answered 200/)
    expect(outcomeSentence({ ...base, phase: 'pending' })).toBe(
      'Firing insert at Receiver, waiting for the hook.'
    )
    const failed = makeExchange({
      error: { kind: 'timeout', message: 'No answer within 30 s' }
    })
    expect(outcomeSentence({ ...base, phase: 'failed', exchange: failed })).toBe(
      'ProtocolError, timeout: No answer within 30 s'
    )
    expect(outcomeSentence({ ...base, phase: 'idle' })).toBeNull()
  })
})
