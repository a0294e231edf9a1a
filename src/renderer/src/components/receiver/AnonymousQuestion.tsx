import { useShallow } from 'zustand/react/shallow'
import { useApp } from '@renderer/store/store-context'
import { Modal } from '../common/Modal'

/**
 * Shown when a change was refused because the receiver is reachable beyond loopback (a tunnel,
 * a LAN host) without expected credentials: the refusal's words, and the explicit choice of
 * anonymous access, which lets anyone who reaches the receiver be answered and recorded.
 */
export function AnonymousQuestion() {
  const { question, answer } = useApp(
    useShallow((s) => ({ question: s.anonymousQuestion, answer: s.answerAnonymous }))
  )
  if (question === null) return null
  return (
    <Modal
      title="Allow anonymous access?"
      testId="anonymous-question"
      onClose={() => void answer(false)}
    >
      <h2>Allow anonymous access?</h2>
      <p data-testid="anonymous-question-message">{question.message}</p>
      <p>
        With anonymous access, anyone who can reach the receiver gets its answers and what they send
        is recorded. Keep the expected credentials unless that is what you want.
      </p>
      <div className="modal-actions">
        <button
          type="button"
          className="btn"
          data-testid="anonymous-question-cancel"
          onClick={() => void answer(false)}
        >
          Keep credentials
        </button>
        <button
          type="button"
          className="btn btn-danger"
          data-testid="anonymous-question-allow"
          onClick={() => void answer(true)}
        >
          Allow anonymous access
        </button>
      </div>
    </Modal>
  )
}
