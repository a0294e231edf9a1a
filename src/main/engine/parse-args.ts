import { checkArgs } from '../../shared/api-check'
import type { ApiMethod, CheckedArgs } from '../../shared/api'

/**
 * Checks a method's arguments with the API's one checker (src/shared/api-check.ts). The engine is
 * a boundary of its own: whatever transport called it, a bad argument becomes a ValidationError
 * naming the field.
 */
export function parseArgs<M extends ApiMethod>(method: M, args: unknown[]): CheckedArgs<M> {
  return checkArgs(method, args)
}
