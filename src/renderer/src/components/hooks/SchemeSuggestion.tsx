import { suggestScheme } from '@renderer/lib/url-suggest'

/** "Did you mean http://localhost:8080/hook?" under a URL typed without its scheme; one click. */
export function SchemeSuggestion(props: { url: string; onPick(url: string): void }) {
  const suggestion = suggestScheme(props.url)
  if (!suggestion) return null
  return (
    <p className="field-hint" data-testid="url-scheme-suggestion">
      Did you mean{' '}
      <button
        type="button"
        className="btn-link mono"
        data-testid="url-scheme-suggestion-use"
        onClick={() => props.onPick(suggestion)}
      >
        {suggestion}
      </button>
      ?
    </p>
  )
}
