/**
 * The two ways a command fails, by exit code: bad usage or input (2) and a runtime failure such
 * as a ProtocolError or a taken port (1). Scripts branch on these codes.
 */
export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2

/** Bad usage or input: the message names the flag (or argument) that was wrong. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** Something went wrong while running (not the user's input): exit 1 with this message. */
export class RuntimeFailure extends Error {
  override readonly name = 'RuntimeFailure'
}
