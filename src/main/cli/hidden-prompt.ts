import type { Readable, Writable } from 'node:stream'
import { UsageError } from './errors'

/** What the prompt reads from: stdin, or a fake terminal in tests. */
export type PromptInput = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown }
export type PromptOutput = Pick<Writable, 'write'>

/**
 * Asks for a secret on a terminal without showing it. Threat: an echoed password stays on the
 * screen, in scrollback and in screen recordings. The terminal is put in raw mode, so nothing is
 * echoed; Enter ends the value, Backspace deletes, Ctrl+C and Ctrl+D give up (a UsageError, so
 * the command ends as for bad input). Raw mode is always switched back off.
 */
export function promptHidden(
  prompt: string,
  input: PromptInput,
  output: PromptOutput
): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = ''
    const finish = (error: Error | null): void => {
      input.off('data', onData)
      input.off('end', onEnd)
      input.setRawMode?.(false)
      input.pause()
      output.write('\n')
      if (error === null) resolve(value)
      else reject(error)
    }
    const onEnd = (): void => finish(new UsageError('no value was typed at the prompt'))
    const onData = (chunk: Buffer | string): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(null)
        if (char === '\u0003' || char === '\u0004') {
          return finish(new UsageError('the prompt was cancelled'))
        }
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('')
        else if (char >= ' ') value += char
      }
    }
    // Raw mode first: whatever is typed as soon as the prompt shows must not be echoed.
    input.setRawMode?.(true)
    output.write(prompt)
    input.on('data', onData)
    input.on('end', onEnd)
    input.resume()
  })
}
