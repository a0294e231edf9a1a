import { errorMessage } from '@shared/error-message'
/**
 * Why a text is not JSON, with the line and column where parsing stopped; null when it parses.
 * An empty body counts as a problem too: TrialKit always sends an object.
 */
export function jsonProblem(text: string): string | null {
  if (text.trim() === '') return 'The body is empty; TrialKit always sends a JSON object.'
  try {
    JSON.parse(text)
    return null
  } catch (e) {
    const message = errorMessage(e)
    const at = /position (\d+)/.exec(message)
    const where = /\(line \d+ column \d+\)/.test(message)
      ? ''
      : at
        ? ` (${lineColumn(text, Number(at[1]))})`
        : ''
    return `Not valid JSON: ${message}${where}.`.replace(/\.\.$/, '.')
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return `line ${line} column ${column}`
}
