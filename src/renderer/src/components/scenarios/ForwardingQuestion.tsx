import { Modal } from '../common/Modal'
import type { ForwardingQuestion as Question } from './use-scenario-runner'

/**
 * Asks before a scenario's steps make the receiver forward to targets not confirmed yet: every
 * request the receiver gets, credentials included, would go there.
 */
export function ForwardingQuestion({ question }: { question: Question }) {
  const { targets } = question
  return (
    <Modal
      title="Allow forwarding?"
      testId="scenario-forwarding-question"
      onClose={() => question.answer(false)}
    >
      <h2>Allow forwarding?</h2>
      <p>
        In “{question.scenarioName}”, {targets.length === 1 ? 'a step makes' : 'steps make'} the
        receiver send every request it gets, credentials included, to another address:
      </p>
      <ul data-testid="scenario-forwarding-targets">
        {targets.map((t) => (
          <li key={`${t.index}-${t.url}`}>
            Step {t.index + 1} (“{t.title}”) forwards to <code>{t.url}</code>
          </li>
        ))}
      </ul>
      <div className="modal-actions">
        <button
          type="button"
          className="btn"
          data-testid="scenario-forwarding-cancel"
          onClick={() => question.answer(false)}
        >
          Don’t run
        </button>
        <button
          type="button"
          className="btn btn-danger"
          data-testid="scenario-forwarding-allow"
          onClick={() => question.answer(true)}
        >
          Allow forwarding
        </button>
      </div>
    </Modal>
  )
}
