import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runCli } from './program'
import { errorMessage } from '@shared/error-message'

/**
 * Entry of the `hook-inspector` command (built to out/main/cli.js). Paths are resolved from this
 * file's own location so the built UI (out/renderer) is found wherever the project lives.
 */
const here = dirname(fileURLToPath(import.meta.url))

// A failure outside any command's own handling still ends as one line, never a stack trace.
const fatal = (error: unknown): void => {
  process.stderr.write(`error: ${errorMessage(error)}\n`, () => process.exit(1))
}
process.on('uncaughtException', fatal)
process.on('unhandledRejection', fatal)

void runCli(process.argv.slice(2), { uiDir: join(here, '..', 'renderer') })
