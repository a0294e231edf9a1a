import type { CapacityProgress, CapacityRequest } from '@shared/capacity'
import type { CapacityRun } from '@shared/schemas'
import type { CapacityForm } from '../components/capacity/capacity-form'

// The capacity check slice: the run, its live progress, its form and failures.

export interface CapacityState {
  running: boolean
  run: CapacityRun | null
  error: string | null
}

/** The failures of one level and kind of a run, opened from its table ("timeout 52"). */
export interface CapacityFailures {
  runId: string
  concurrency: number
  /** The `byKind` key: a ProtocolError kind, or `http-NNN`. */
  key: string
}

export interface CapacitySlice {
  capacity: CapacityState
  /** The latest live view of a capacity check, while one runs (and after, until the next). */
  capacityProgress: CapacityProgress | null
  /** The Capacity view's inputs; null until the user changes one (then it is kept). */
  capacityForm: CapacityForm | null
  /** The failures shown in the inspector's report of their run, if any. */
  capacityFailures: CapacityFailures | null
  setCapacityForm(form: CapacityForm): void
  /** Selects the run's timeline row and shows those failures in the inspector. */
  openCapacityFailures(failures: CapacityFailures): void
  closeCapacityFailures(): void
  /** Runs a capacity check; its progress arrives as live events (capacityProgress). */
  runCapacity(request: CapacityRequest): Promise<void>
  stopCapacity(): Promise<void>
  /** The HAR text of a run's kept exchanges. */
  capacityHar(runId: string): Promise<string>
}
