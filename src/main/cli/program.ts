import { Command, CommanderError } from 'commander'
import { APP_VERSION } from '@shared/version'
import { DataDirInUseError, DataDirTrustError, ReceiverListenError } from '../engine'
import { ControlListenError } from '../web/control-server'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, RuntimeFailure, UsageError } from './errors'
import { registerCapacity } from './capacity'
import { registerCheck } from './check'
import { registerFire } from './fire'
import { registerListen } from './listen'
import { registerReplay } from './replay'
import { registerRun } from './run'
import { registerShare } from './share'
import { flushOutput, printError } from './output'
import { registerServe, type ServeContext } from './serve'
import { errorMessage } from '@shared/error-message'

/** The `hook-inspector` command and its subcommands. */
export function buildProgram(context: ServeContext): Command {
  const program = new Command('hook-inspector')
  program
    .description('Both ends of a TrialKit study hook on one machine.')
    .version(APP_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    // Commander's own errors (unknown flag, missing value) become exit 2 in one place below.
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ showGlobalOptions: false })
  registerListen(program)
  registerFire(program)
  registerServe(program, context)
  registerCheck(program)
  registerCapacity(program)
  registerRun(program)
  registerReplay(program)
  registerShare(program)
  return program
}

/** The exit code and message for anything a command threw; never a stack trace. */
function failure(error: unknown): { code: number; message: string | null } {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help / version text).
    return { code: error.exitCode === 0 ? EXIT_OK : EXIT_USAGE, message: null }
  }
  // A data dir another user controls is bad input, like a bad flag: the user must pick or fix it.
  if (error instanceof UsageError || error instanceof DataDirTrustError) {
    return { code: EXIT_USAGE, message: `error: ${error.message}` }
  }
  // Another process owns the data dir: nothing was touched; the message names the holder.
  if (error instanceof DataDirInUseError) {
    return { code: EXIT_USAGE, message: `error: ${error.message}` }
  }
  if (
    error instanceof ReceiverListenError ||
    error instanceof ControlListenError ||
    error instanceof RuntimeFailure
  ) {
    return { code: EXIT_FAILURE, message: `error: ${error.message}` }
  }
  if ((error as Error | null)?.name === 'ValidationError') {
    return { code: EXIT_USAGE, message: `error: ${errorMessage(error)}` }
  }
  return { code: EXIT_FAILURE, message: `error: ${errorMessage(error)}` }
}

/**
 * Runs the CLI on `argv` (without node and script). Everything that goes wrong ends as an exit
 * code and one message line; the process exits on its own once output is written (long-running
 * commands exit on a signal instead).
 */
export async function runCli(argv: string[], context: ServeContext): Promise<void> {
  const program = buildProgram(context)
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (error) {
    const { code, message } = failure(error)
    if (message !== null) await printError(message)
    await flushOutput()
    process.exitCode = code
  }
}
