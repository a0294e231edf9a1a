import { STORED_BODY_CAP, type Capture } from '@shared/schemas'
import { FAULT_TABLE } from '@shared/faults'
import type { Answer } from './answers'

/**
 * The headers and body the receiver answered with, as the capture keeps them (the body up to the
 * stored cap), so an export can show the answer whole; undefined when nothing was sent back
 * (a hang, drop or reset, or status 0: no answer at all).
 */
export function answerRecord(answer: Answer): Capture['answer'] {
  if (!FAULT_TABLE[answer.fault].answers || answer.status === 0) return undefined
  const headers: [string, string][] = []
  for (let i = 0; i + 1 < answer.headers.length; i += 2) {
    headers.push([answer.headers[i]!, answer.headers[i + 1]!])
  }
  const kept =
    answer.body.length > STORED_BODY_CAP ? answer.body.subarray(0, STORED_BODY_CAP) : answer.body
  return { headers, bodyBase64: kept.toString('base64'), bodySize: answer.body.length }
}
