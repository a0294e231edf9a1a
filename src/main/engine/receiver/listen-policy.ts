import type { ListenOptions, ReceiverOptions, RunningReceiver } from '../ports'
import { ReceiverListenError } from './listen-error'

/** What to do when the receiver's port is taken. */
export type PortConflict = 'fail' | 'next-free'

/** How many ports above the configured one 'next-free' tries. */
export const NEXT_FREE_TRIES = 20

/**
 * Starts the receiver under a port-conflict policy: the CLI must fail loudly on a taken port
 * (a script relies on the port it asked for), the desktop app moves on to the next free one and
 * reports the port it got.
 */
export async function listenWithPolicy(
  start: (options: ReceiverOptions & ListenOptions) => Promise<RunningReceiver>,
  options: ReceiverOptions & ListenOptions,
  policy: PortConflict
): Promise<RunningReceiver> {
  let port = options.port
  for (let attempt = 0; ; attempt++) {
    try {
      return await start({ ...options, port })
    } catch (error) {
      const retry =
        policy === 'next-free' &&
        error instanceof ReceiverListenError &&
        error.code === 'port-in-use' &&
        port !== 0 &&
        port < 65535 &&
        attempt < NEXT_FREE_TRIES
      if (!retry) throw error
      port++
    }
  }
}
