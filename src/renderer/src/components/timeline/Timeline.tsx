import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { rowMatches } from '../../lib/row-filter'
import { useApp } from '../../store/store-context'
import { FirstRun } from './FirstRun'
import { TimelineFilterBar } from './TimelineFilterBar'
import { ROW_HEIGHT, TimelineRowView } from './TimelineRowView'

/** Every exchange and capture, newest first, linked pairs as one row; virtualized for 50,000. */
export function Timeline() {
  const { history, filters, selectedRowId, selectRow, setFilters } = useApp(
    useShallow((s) => ({
      history: s.history,
      filters: s.filters,
      selectedRowId: s.selectedRowId,
      selectRow: s.selectRow,
      setFilters: s.setFilters
    }))
  )
  const ids = useMemo(() => {
    const { order, rows } = history
    const f = filters
    if (f.event === 'all' && f.outcome === 'all' && f.kind === 'all' && f.text.trim() === '') {
      return order
    }
    return order.filter((id) => {
      const row = rows.get(id)
      return row !== undefined && rowMatches(row, f)
    })
  }, [history, filters])
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 800, height: 400 },
    getItemKey: (i) => ids[i] ?? i
  })

  const move = (delta: number): void => {
    if (ids.length === 0) return
    const at = selectedRowId ? ids.indexOf(selectedRowId) : -1
    const next = Math.min(Math.max(at + delta, 0), ids.length - 1)
    const id = ids[next]
    if (id) {
      selectRow(id)
      virtualizer.scrollToIndex(next)
    }
  }

  const total = history.order.length
  return (
    <section className="panel timeline" data-testid="timeline" aria-labelledby="timeline-title">
      <TimelineFilterBar shown={ids.length} total={total} />
      <div className="tl-head" role="row">
        <span>Time</span>
        <span>Event</span>
        <span title="→ sent by the dispatcher · ← received by the receiver · ⇄ both, linked">
          Dir
        </span>
        <span>Target / path</span>
        <span>Status</span>
        <span className="num">Duration</span>
        <span>Auth</span>
      </div>
      <div
        ref={scrollRef}
        className="tl-scroll"
        data-testid="timeline-scroll"
        tabIndex={0}
        role="grid"
        aria-rowcount={ids.length}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault()
            move(1)
          } else if (e.key === 'ArrowUp') {
            e.preventDefault()
            move(-1)
          }
        }}
      >
        {total === 0 ? (
          <FirstRun />
        ) : ids.length === 0 ? (
          <div className="tl-empty" data-testid="timeline-no-match">
            No entries match the filters.{' '}
            <button
              type="button"
              className="btn-link"
              onClick={() => setFilters({ event: 'all', outcome: 'all', kind: 'all', text: '' })}
            >
              Show all
            </button>
          </div>
        ) : (
          <div className="tl-inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const id = ids[item.index]!
              return (
                <TimelineRowView
                  key={item.key}
                  id={id}
                  top={item.start}
                  selected={id === selectedRowId}
                  onSelect={selectRow}
                />
              )
            })}
          </div>
        )}
      </div>
    </section>
  )
}
