import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useEscape } from '@renderer/hooks/use-escape'
import { usePaneLayout } from '@renderer/hooks/use-pane-layout'
import { PANE_LIMITS } from '@renderer/lib/pane-sizes'
import { currentPaneSizes } from '@renderer/store/layout-slice'
import { useApp } from '@renderer/store/store-context'
import { GateDialog } from '../dispatch/GateDialog'
import { Splitter } from './Splitter'
import '@renderer/styles/layout.css'

export interface PanesProps {
  left: ReactNode
  center: ReactNode
  timeline: ReactNode
  inspector: ReactNode
}

/**
 * The three panes with splitters between them. A wide window shows three columns; a narrower one
 * folds the left column into a drawer; below 900 px the centre goes above the timeline.
 */
export function Panes(props: PanesProps) {
  const layout = usePaneLayout()
  const { sizes, resizePane, savePaneSizes, drawerOpen, setDrawerOpen } = useApp(
    useShallow((s) => ({
      sizes: currentPaneSizes(s),
      resizePane: s.resizePane,
      savePaneSizes: s.savePaneSizes,
      drawerOpen: s.drawerOpen,
      setDrawerOpen: s.setDrawerOpen
    }))
  )
  const main = useRef<HTMLElement>(null)
  const right = useRef<HTMLElement>(null)
  const drawer = useRef<HTMLElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)
  const folded = layout !== 'wide'
  const open = folded && drawerOpen

  const close = () => {
    setDrawerOpen(false)
    toggle.current?.focus()
  }
  useEscape(open, close)
  useEffect(() => {
    if (open) drawer.current?.querySelector<HTMLElement>('button, input, select, a[href]')?.focus()
  }, [open])

  const style = {
    '--pane-left': `${sizes.left}px`,
    '--pane-center': `${sizes.center}fr`,
    '--pane-right': `${100 - sizes.center}fr`,
    '--pane-timeline': `${sizes.timeline}%`
  } as CSSProperties

  const leftAt = (x: number) => x - (main.current?.getBoundingClientRect().left ?? 0) - 8
  const centerAt = (x: number) => {
    const from = main.current?.querySelector('.pane-center')?.getBoundingClientRect().left ?? 0
    const to = right.current?.getBoundingClientRect().right ?? from + 1
    return ((x - from) / Math.max(1, to - from)) * 100
  }
  const timelineAt = (y: number) => {
    const box = right.current?.getBoundingClientRect()
    return box ? ((y - box.top) / Math.max(1, box.height)) * 100 : sizes.timeline
  }

  return (
    <main
      ref={main}
      className="panes"
      data-testid="panes"
      data-layout={layout}
      data-drawer={open ? 'open' : 'closed'}
      style={style}
    >
      {folded && (
        <div className="pane-rail">
          <button
            ref={toggle}
            type="button"
            className="btn rail-toggle"
            data-testid="drawer-toggle"
            aria-expanded={open}
            aria-controls="pane-left"
            title="Study hooks and the receiver"
            onClick={() => setDrawerOpen(!open)}
          >
            <span aria-hidden="true">☰</span>
            <span className="rail-label">Hooks · Receiver</span>
          </button>
        </div>
      )}
      {open && <div className="drawer-backdrop" data-testid="drawer-backdrop" onClick={close} />}
      <aside
        ref={drawer}
        id="pane-left"
        className="pane pane-left"
        aria-label="Hooks and receiver"
        data-testid="pane-left"
      >
        {props.left}
      </aside>
      {!folded && (
        <Splitter
          orientation="vertical"
          label="Resize the hooks and receiver column"
          testId="splitter-left"
          value={sizes.left}
          {...PANE_LIMITS.left}
          step={10}
          valueText={`${sizes.left} pixels`}
          valueAt={leftAt}
          onChange={(v) => resizePane('left', v)}
          onCommit={() => void savePaneSizes()}
        />
      )}
      {props.center}
      {layout !== 'narrow' && (
        <Splitter
          orientation="vertical"
          label="Resize the centre pane against the timeline"
          testId="splitter-center"
          value={sizes.center}
          {...PANE_LIMITS.center}
          step={2}
          valueText={`${sizes.center} percent`}
          valueAt={centerAt}
          onChange={(v) => resizePane('center', v)}
          onCommit={() => void savePaneSizes()}
        />
      )}
      <section ref={right} className="pane pane-right" aria-label="Timeline and inspector">
        {props.timeline}
        <Splitter
          orientation="horizontal"
          label="Resize the timeline against the inspector"
          testId="splitter-timeline"
          value={sizes.timeline}
          {...PANE_LIMITS.timeline}
          step={2}
          valueText={`${sizes.timeline} percent`}
          valueAt={timelineAt}
          onChange={(v) => resizePane('timeline', v)}
          onCommit={() => void savePaneSizes()}
        />
        {props.inspector}
      </section>
      <GateDialog />
    </main>
  )
}
