import { useShallow } from 'zustand/react/shallow'
import { composedBody } from '@renderer/lib/preview'
import { activeHook } from '@renderer/store/dispatch-slice'
import { useApp } from '@renderer/store/store-context'
import { errorMessage } from '@shared/error-message'

function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text)
    return null
  } catch (e) {
    return errorMessage(e)
  }
}

/** The escape hatch: any body text, sent verbatim; invalid JSON is allowed but flagged. */
export function RawBodyEditor() {
  const { composer, setRawBody, hook } = useApp(
    useShallow((s) => ({ composer: s.composer, setRawBody: s.setRawBody, hook: activeHook(s) }))
  )
  const problem = jsonProblem(composer.rawBody)
  return (
    <div className="raw-editor">
      <textarea
        className="mono"
        rows={8}
        spellCheck={false}
        aria-label="Raw body"
        data-testid="raw-body"
        value={composer.rawBody}
        onChange={(e) => setRawBody(e.target.value)}
      />
      <div className="raw-status">
        {problem ? (
          <span className="flag flag-warn" data-testid="raw-json-invalid">
            Not valid JSON ({problem}). It will be sent exactly as typed.
          </span>
        ) : (
          <span className="flag flag-ok" data-testid="raw-json-valid">
            Valid JSON
          </span>
        )}
        <button
          type="button"
          className="btn-link"
          data-testid="raw-from-fields"
          onClick={() => setRawBody(composedBody({ ...composer, mode: 'fields' }, hook))}
        >
          Replace with the {composer.event} body from the fields
        </button>
      </div>
    </div>
  )
}
