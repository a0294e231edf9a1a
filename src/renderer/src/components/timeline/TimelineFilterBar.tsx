import { useShallow } from 'zustand/react/shallow'
import { ROW_ORIGINS } from '@shared/row-origin'
import { ExchangeErrorKindSchema } from '@shared/schemas'
import { SEARCH_TEST_ID } from '@renderer/hooks/use-shortcuts'
import type { EventFilter, KindFilter, OriginFilter, OutcomeFilter } from '@renderer/lib/row-filter'
import { useApp } from '@renderer/store/store-context'
import { ConfirmButton } from '../common/ConfirmButton'

const KINDS = ExchangeErrorKindSchema.options

function countText(shown: number, total: number): string {
  const entries = (n: number): string =>
    `${n.toLocaleString('en-US')} ${n === 1 ? 'entry' : 'entries'}`
  return shown === total ? entries(total) : `${shown.toLocaleString('en-US')} of ${entries(total)}`
}

/** Search and filters above the timeline, with the count shown and the clear action. */
export function TimelineFilterBar(props: { shown: number; total: number }) {
  const { filters, setFilters, clearHistory, loading } = useApp(
    useShallow((s) => ({
      filters: s.filters,
      setFilters: s.setFilters,
      clearHistory: s.clearHistory,
      loading: s.historyLoading
    }))
  )
  return (
    <>
      <header className="panel-head">
        <h2 id="timeline-title">Timeline</h2>
        <input
          type="search"
          className="search"
          placeholder="Search id, path, URL, body text, email   ( / )"
          aria-label="Search the timeline"
          data-testid={SEARCH_TEST_ID}
          value={filters.text}
          onChange={(e) => setFilters({ text: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setFilters({ text: '' })
              e.currentTarget.blur()
            }
          }}
        />
        <span className="muted count" data-testid="timeline-count">
          {countText(props.shown, props.total)}
          {loading && (
            <span data-testid="timeline-loading" title="Older entries are still being loaded">
              {' '}
              · loading older…
            </span>
          )}
        </span>
        <ConfirmButton
          label="Clear…"
          title="Clear the history?"
          message="Every exchange and capture is removed from the timeline and from the journal on disk."
          confirmLabel="Clear history"
          testId="timeline-clear"
          disabled={props.total === 0}
          onConfirm={() => void clearHistory()}
        />
      </header>
      <div className="tl-filters">
        <select
          aria-label="Event filter"
          data-testid="filter-event"
          value={filters.event}
          onChange={(e) => setFilters({ event: e.target.value as EventFilter })}
        >
          <option value="all">All events</option>
          <option value="insert">insert</option>
          <option value="update">update</option>
          <option value="review">review</option>
          <option value="other">other</option>
        </select>
        <select
          aria-label="Outcome filter"
          data-testid="filter-outcome"
          value={filters.outcome}
          onChange={(e) => setFilters({ outcome: e.target.value as OutcomeFilter })}
        >
          <option value="all">All outcomes</option>
          <option value="ok">ok</option>
          <option value="error">error</option>
          <option value="pending">pending</option>
        </select>
        <select
          aria-label="ProtocolError kind filter"
          data-testid="filter-kind"
          value={filters.kind}
          onChange={(e) => setFilters({ kind: e.target.value as KindFilter })}
        >
          <option value="all">All kinds</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <select
          aria-label="Origin filter"
          title="What made the row; imported: read from a file"
          data-testid="filter-origin"
          value={filters.origin}
          onChange={(e) => setFilters({ origin: e.target.value as OriginFilter })}
        >
          <option value="all">All origins</option>
          {ROW_ORIGINS.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
    </>
  )
}
