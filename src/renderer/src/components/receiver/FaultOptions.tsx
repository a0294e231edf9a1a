import { FAULT_TABLE } from '@shared/faults'
import { FAULTS } from '@shared/schemas'

/** The fault choices of every fault picker, each with its explanation as a tooltip. */
export function FaultOptions(): React.JSX.Element {
  return (
    <>
      {FAULTS.map((f) => (
        <option key={f} value={f} title={FAULT_TABLE[f].help}>
          {FAULT_TABLE[f].label}
        </option>
      ))}
    </>
  )
}
