import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useMemo, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { rowMatches } from '@renderer/lib/row-filter'
import { useApp } from '@renderer/store/store-context'
import type { MarkHow } from '@renderer/store/mark-types'
import { FirstRun } from './FirstRun'
import { TimelineFilterBar } from './TimelineFilterBar'
import { TimelineMarkBar } from './TimelineMarkBar'
import { HEAD_HEIGHT, ROW_HEIGHT, rowDomId, TimelineRowView } from './TimelineRowView'

const PAGE = 10

/** Keys that move the selection, and by how many rows (±Infinity: to the last or first). */
const KEY_MOVES: Record<string, number> = {
  ArrowDown: 1,
  ArrowUp: -1,
  PageDown: PAGE,
  PageUp: -PAGE,
  Home: -Infinity,
  End: Infinity
}

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
  const { marked, markRows, clearMarks } = useApp(
    useShallow((s) => ({ marked: s.markedRowIds, markRows: s.markRows, clearMarks: s.clearMarks }))
  )
  const markedSet = useMemo(() => new Set(marked), [marked])
  const ids = useMemo(() => {
    const { order, rows } = history
    const f = filters
    if (
      f.event === 'all' &&
      f.outcome === 'all' &&
      f.kind === 'all' &&
      f.origin === 'all' &&
      f.text.trim() === ''
    ) {
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
    // The sticky column heads sit above the first row and cover the top of the viewport.
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
    getItemKey: (i) => ids[i] ?? i
  })

  const move = (delta: number, extend = false): void => {
    if (ids.length === 0) return
    const at = selectedRowId ? ids.indexOf(selectedRowId) : -1
    const next = Math.min(Math.max(at + delta, 0), ids.length - 1)
    const id = ids[next]
    if (id) {
      // Shift with a move marks the rows passed over, as Shift-click does.
      if (extend && selectedRowId) markRows(id, 'range', ids)
      selectRow(id)
      virtualizer.scrollToIndex(next)
    }
  }

  /** A click: selects the row; with Ctrl/Cmd or Shift it marks rows too. */
  const onRow = useCallback(
    (id: string, how?: MarkHow): void => {
      if (how) markRows(id, how, ids)
      else clearMarks()
      selectRow(id)
    },
    [ids, markRows, clearMarks, selectRow]
  )

  const total = history.order.length
  const hasRows = ids.length > 0
  const items = virtualizer.getVirtualItems()
  // Only a row in the DOM can be the active descendant; a scrolled-away one has no element.
  const selectedShown = items.some((item) => ids[item.index] === selectedRowId)
  return (
    <section className="panel timeline" data-testid="timeline" aria-labelledby="timeline-title">
      <TimelineFilterBar shown={ids.length} total={total} />
      <TimelineMarkBar />
      <div
        ref={scrollRef}
        className="tl-scroll"
        data-testid="timeline-scroll"
        tabIndex={0}
        role={hasRows ? 'grid' : 'region'}
        aria-label="Timeline entries"
        aria-rowcount={hasRows ? ids.length + 1 : undefined}
        aria-activedescendant={selectedShown ? rowDomId(selectedRowId!) : undefined}
        aria-multiselectable={hasRows ? true : undefined}
        onKeyDown={(e) => {
          if (e.key === ' ' && selectedRowId) {
            // Space marks or unmarks the selected row (for "Save as scenario").
            e.preventDefault()
            markRows(selectedRowId, 'toggle', ids)
            return
          }
          if (e.key === 'Escape' && marked.length > 0) {
            clearMarks()
            return
          }
          const key = KEY_MOVES[e.key]
          if (key === undefined) return
          e.preventDefault()
          move(key, e.shiftKey)
        }}
      >
        {/* Inside the scroller, so the grid owns its column heads; sticky, so they stay in view. */}
        <div
          className="tl-head"
          role={hasRows ? 'row' : undefined}
          aria-rowindex={hasRows ? 1 : undefined}
        >
          <span role={hasRows ? 'columnheader' : undefined}>Time</span>
          <span role={hasRows ? 'columnheader' : undefined}>Event</span>
          <span
            role={hasRows ? 'columnheader' : undefined}
            title="→ sent by the dispatcher · ← received by the receiver · ⇄ both, linked"
          >
            Dir
          </span>
          <span role={hasRows ? 'columnheader' : undefined}>Target / path</span>
          <span role={hasRows ? 'columnheader' : undefined}>Status</span>
          <span role={hasRows ? 'columnheader' : undefined} className="num">
            Duration
          </span>
          <span role={hasRows ? 'columnheader' : undefined}>Auth</span>
        </div>
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
          <div className="tl-inner" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const id = ids[item.index]!
              return (
                <TimelineRowView
                  key={item.key}
                  id={id}
                  index={item.index}
                  top={item.start - HEAD_HEIGHT}
                  selected={id === selectedRowId}
                  marked={markedSet.has(id)}
                  onSelect={onRow}
                />
              )
            })}
          </div>
        )}
      </div>
    </section>
  )
}
