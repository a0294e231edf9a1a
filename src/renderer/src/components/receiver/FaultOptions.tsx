import { FAULT_HELP, FAULT_LABELS, FAULT_OPTIONS } from '../../lib/behavior-form'

/** The fault choices of every fault picker, each with its explanation as a tooltip. */
export function FaultOptions(): React.JSX.Element {
  return (
    <>
      {FAULT_OPTIONS.map((f) => (
        <option key={f} value={f} title={FAULT_HELP[f]}>
          {FAULT_LABELS[f]}
        </option>
      ))}
    </>
  )
}
