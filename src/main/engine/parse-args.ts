import { z } from 'zod'
import { API_ARGS, type ApiMethod } from '../../shared/api'
import { describeIssues } from '../../shared/validation'

/**
 * Validates a method's arguments against the API contract. The engine is a boundary of its own:
 * whatever transport called it, a bad argument becomes a ValidationError naming the field.
 */
export function parseArgs<M extends ApiMethod>(
  method: M,
  args: unknown[]
): z.output<(typeof API_ARGS)[M]> {
  const result = (API_ARGS[method] as z.ZodType).safeParse(args)
  if (result.success) return result.data as z.output<(typeof API_ARGS)[M]>
  // Every method takes one argument at most: name its fields, not its position.
  const issues = result.error.issues.map((issue) =>
    typeof issue.path[0] === 'number' ? { ...issue, path: issue.path.slice(1) } : issue
  )
  throw describeIssues(new z.ZodError(issues))
}
