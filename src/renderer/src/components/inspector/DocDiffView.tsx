import '@renderer/styles/public-url.css'
import type { Capture } from '@shared/schemas'

/**
 * How a received TrialKit event compares with the sample TrialKit documents for it: what the real
 * TrialKit sent that the docs do not say (or the other way round).
 */
/** "an insert", "an update", "a review". */
const an = (event: string): string => (/^[aeiou]/i.test(event) ? 'an' : 'a')

export function DocDiffView(props: { capture: Capture }) {
  const { event, docDiff } = props.capture
  if (event === null || docDiff === null || docDiff === undefined) return null
  if (docDiff.length === 0) {
    return (
      <p className="doc-diff doc-diff-match" data-testid="inspector-doc-diff">
        ✓ Matches the documented sample of a TrialKit {event} event.
      </p>
    )
  }
  const differences = docDiff.filter((d) => d.kind !== 'order')
  const order = docDiff.filter((d) => d.kind === 'order')
  return (
    <div className="doc-diff doc-diff-differs" data-testid="inspector-doc-diff">
      <p>
        {differences.length > 0
          ? `Differs from TrialKit's documented sample of ${an(event)} ${event} event:`
          : `Same keys and types as TrialKit's documented ${event} sample; only the order differs:`}
      </p>
      <ul>
        {[...differences, ...order].map((d) => (
          <li key={`${d.kind}:${d.path}`} data-kind={d.kind}>
            <span className="doc-diff-kind">{d.kind}</span> {d.message}
          </li>
        ))}
      </ul>
    </div>
  )
}
