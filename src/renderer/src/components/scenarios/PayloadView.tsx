import { jsonLines } from './json-lines'

/**
 * What TrialKit sends, in big type: the request line and the body as pretty JSON, the fields
 * that changed since the previous step marked (a bar and a ▸, so colour is not the only cue).
 */
export function PayloadView(props: { requestLine: string; body: string; previous: string | null }) {
  const lines = jsonLines(props.body, props.previous)
  const changed = lines.filter((l) => l.changed).length
  return (
    <section className="pr-card" aria-label="What TrialKit sends" data-testid="presenter-payload">
      <h2 className="pr-head">TrialKit sends</h2>
      <p className="pr-mono pr-line">{props.requestLine}</p>
      <pre className="pr-json" data-testid="presenter-payload-json">
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
        <p className="pr-note">
          {changed === 0
            ? 'Same body as the previous step.'
            : `▸ ${changed} line${changed === 1 ? '' : 's'} changed since the previous step.`}
        </p>
      )}
    </section>
  )
}
