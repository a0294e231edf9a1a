import { useLayoutEffect, useRef } from 'react'
import { jsonLines } from './json-lines'

/**
 * What TrialKit sends, in big type: the request line and the body as pretty JSON, the lines that
 * changed since the step it is compared with marked (a bar and a ▸, so colour is not the only
 * cue) and scrolled into view, so the room sees them without anyone scrolling.
 */
export function PayloadView(props: {
  requestLine: string
  body: string
  previous: string | null
  /** Which step the body is compared with ("step 4 (the last review)"). */
  previousLabel: string
}) {
  const lines = jsonLines(props.body, props.previous)
  const changed = lines.filter((l) => l.changed).length
  const ref = useRef<HTMLPreElement>(null)
  useLayoutEffect(() => {
    const pre = ref.current
    if (!pre) return
    const reveal = (): void => {
      const marked = [...pre.querySelectorAll<HTMLElement>('[data-changed="true"]')]
      if (marked.length === 0) {
        pre.scrollTop = 0
        return
      }
      const top = marked[0]!.offsetTop - pre.offsetTop
      const last = marked[marked.length - 1]!
      const bottom = last.offsetTop - pre.offsetTop + last.offsetHeight
      // The changed lines in the middle of the box when they fit, else from the first one.
      const room = pre.clientHeight
      pre.scrollTop = bottom - top <= room ? Math.max(0, (top + bottom - room) / 2) : top
    }
    reveal()
    // The type follows the window, so the lines move when it is resized: reveal them again.
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(reveal)
    observer.observe(pre)
    return () => observer.disconnect()
  }, [props.body, props.previous])
  return (
    <section
      className="pr-card pr-payload"
      aria-label="What TrialKit sends"
      data-testid="presenter-payload"
    >
      <h2 className="pr-head">TrialKit sends</h2>
      <p className="pr-mono pr-line">{props.requestLine}</p>
      <pre className="pr-json" ref={ref} tabIndex={0} data-testid="presenter-payload-json">
        {lines.map((l, i) => (
          <span key={i} className={l.changed ? 'pr-changed' : undefined} data-changed={l.changed}>
            <span className="pr-mark" aria-hidden="true">
              {l.changed ? '▸' : ' '}
            </span>
            {l.text}
            {'\n'}
          </span>
        ))}
      </pre>
      {props.previous !== null && (
        <p className="pr-note" data-testid="presenter-payload-note">
          {changed === 0
            ? `Same body as ${props.previousLabel}.`
            : `▸ ${changed} line${changed === 1 ? '' : 's'} changed since ${props.previousLabel}.`}
        </p>
      )}
    </section>
  )
}
