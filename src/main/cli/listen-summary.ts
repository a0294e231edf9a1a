import { FAULT_TABLE } from '@shared/faults'
import type { Behavior } from '@shared/schemas'

/**
 * The answer in a few words, so a person starting `listen` knows what the receiver will do:
 * "status 200, delay 500 ms", "fault hang", "status 200, body trickled over the delay, …". A fault
 * that sends an answer is summed up by its status; one that sends none, by its name.
 */
export function behaviorSummary(
  behavior: Pick<Behavior, 'status' | 'delay' | 'fault' | 'expectedAuth'>
): string {
  const { status, delay, fault, expectedAuth } = behavior
  const info = FAULT_TABLE[fault]
  const parts = [info.answers ? `status ${status}` : `fault ${fault}`]
  if (info.trickles) parts.push('body trickled over the delay')
  if (delay.maxMs > 0) {
    parts.push(
      delay.minMs === delay.maxMs
        ? `delay ${delay.minMs} ms`
        : `delay ${delay.minMs}-${delay.maxMs} ms`
    )
  }
  if (expectedAuth) parts.push(`expecting ${expectedAuth.email}`)
  return parts.join(', ')
}
