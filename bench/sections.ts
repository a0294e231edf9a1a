import { capacityThroughput } from './capacity-throughput'
import { delayPrecision } from './delay-precision'
import { dispatchOverhead } from './dispatch-overhead'
import { historyScale } from './history-scale'
import { hostileBodies } from './hostile-bodies'
import { receiverThroughput } from './receiver-throughput'
import { startup } from './startup'
import { timeoutPrecision } from './timeout-precision'
import type { Section } from './types'

/** Every benchmark section, in the order of the results table. */
export const SECTIONS: readonly Section[] = [
  receiverThroughput,
  dispatchOverhead,
  capacityThroughput,
  timeoutPrecision,
  delayPrecision,
  historyScale,
  hostileBodies,
  startup
]
