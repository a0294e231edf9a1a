import { afterAll, beforeAll, expect } from 'vitest'

function describeProblem(kind: string, error: unknown): string {
  if (error instanceof Error) return `${kind}: ${error.stack ?? error.message}`
  return `${kind}: ${String(error)}`
}

/**
 * Fails the suite if anything escapes as an uncaught exception or an unhandled rejection while
 * it runs: the engine must turn every bad input into an answer or an outcome, never a throw.
 */
export function failOnProcessErrors(): void {
  const problems: string[] = []
  const onException = (error: unknown): void => {
    problems.push(describeProblem('uncaughtException', error))
  }
  const onRejection = (reason: unknown): void => {
    problems.push(describeProblem('unhandledRejection', reason))
  }
  beforeAll(() => {
    process.on('uncaughtException', onException)
    process.on('unhandledRejection', onRejection)
  })
  afterAll(() => {
    process.off('uncaughtException', onException)
    process.off('unhandledRejection', onRejection)
    expect(problems).toEqual([])
  })
}
