import { EXIT_FAILURE, EXIT_OK } from './errors'
import { flushOutput, printError } from './output'
import { errorMessage } from '@shared/error-message'

/** How long a clean shutdown may take before the process gives up waiting. */
const SHUTDOWN_GRACE_MS = 10_000

/**
 * Runs `close` on the first SIGINT or SIGTERM and exits 0 once it is done and all output is out.
 * Exiting explicitly (after the flush) matters: a receiver may still hold timers for delayed or
 * trickled answers that would otherwise keep the process alive. A second signal, or a close that
 * hangs past the grace period, ends the process at once with exit 1.
 */
export function exitOnSignal(close: () => Promise<void>): void {
  let closing = false
  const handler = (): void => {
    if (closing) {
      process.exit(EXIT_FAILURE)
    }
    closing = true
    setTimeout(() => {
      void printError('error: shutdown took too long; exiting anyway').then(() =>
        process.exit(EXIT_FAILURE)
      )
    }, SHUTDOWN_GRACE_MS).unref()
    close().then(
      async () => {
        await flushOutput()
        process.exit(EXIT_OK)
      },
      async (error: unknown) => {
        await printError(`error: ${errorMessage(error)}`)
        await flushOutput()
        process.exit(EXIT_FAILURE)
      }
    )
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
}
