import { z } from 'zod'
import { API_METHODS, API_TABLE, type ApiMethod, type CheckedArgs, type Param } from './api-table'
import { describeIssues, ValidationError } from './validation'

function wanted(params: readonly Param[]): string {
  if (params.length === 0) return 'no arguments'
  const names = params.map(([name]) => name).join(', ')
  return params.length === 1 ? `one argument (${names})` : `${params.length} arguments (${names})`
}

/**
 * The one argument checker of the API, used by every transport (IPC handlers, HTTP routes) and by
 * the engine, so a bad call reads the same wherever it is made:
 * - a wrong number of arguments names the method: "saveHook takes one argument (hook), not 0.";
 * - a bad argument as a whole is named by its parameter: "id: Invalid input: expected string…";
 * - a bad field inside an argument is named by its path in it: "url: must not be empty".
 * Returns the arguments as parsed (defaults applied); throws a ValidationError naming the field.
 */
export function checkArgs<M extends ApiMethod>(
  method: M,
  args: ArrayLike<unknown>
): CheckedArgs<M> {
  const params = API_TABLE[method].params as readonly Param[]
  const given = Array.from(args)
  if (given.length !== params.length) {
    throw new ValidationError(`${method} takes ${wanted(params)}, not ${given.length}.`, null)
  }
  const parsed: unknown[] = []
  const issues: z.core.$ZodIssue[] = []
  params.forEach(([name, schema], i) => {
    const result = schema.safeParse(given[i])
    if (result.success) parsed.push(result.data)
    else {
      for (const issue of result.error.issues) {
        issues.push({ ...issue, path: issue.path.length > 0 ? issue.path : [name] })
      }
    }
  })
  if (issues.length > 0) throw describeIssues(new z.ZodError(issues))
  return parsed as CheckedArgs<M>
}

/**
 * Makes every API method of `target` (an object or a class prototype) run `checkArgs` first: a
 * bad call is refused (a rejected promise) before the method sees it. `pass` says what the method
 * then gets: the checked arguments (defaults applied) or the arguments as given.
 */
export function checkEveryCall(target: object, pass: 'checked' | 'given' = 'checked'): void {
  const methods = target as Record<ApiMethod, (...args: unknown[]) => Promise<unknown>>
  for (const method of API_METHODS) {
    const original = methods[method]
    if (typeof original !== 'function') throw new Error(`${method} is not implemented.`)
    methods[method] = function (this: unknown, ...args: unknown[]): Promise<unknown> {
      let checked: unknown[]
      try {
        checked = checkArgs(method, args) as unknown[]
      } catch (error) {
        return Promise.reject(error)
      }
      return original.apply(this, pass === 'checked' ? checked : args)
    }
  }
}
