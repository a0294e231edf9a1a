export type ReceiverListenErrorCode = 'port-in-use' | 'permission' | 'address' | 'other'
import { errorMessage } from '@shared/error-message'

/** Why the receiver could not start listening, in words a user can act on. */
export class ReceiverListenError extends Error {
  override readonly name = 'ReceiverListenError'
  constructor(
    message: string,
    readonly code: ReceiverListenErrorCode,
    readonly port: number,
    readonly host: string
  ) {
    super(message)
  }
}

/** Maps a listen failure (EADDRINUSE, EACCES, …) to a ReceiverListenError that names the port. */
export function toListenError(error: unknown, host: string, port: number): ReceiverListenError {
  const code = (error as NodeJS.ErrnoException | null)?.code
  const where = `Port ${port} on ${host}`
  switch (code) {
    case 'EADDRINUSE':
      return new ReceiverListenError(
        `${where} is already in use. Choose another port (0 picks a free one).`,
        'port-in-use',
        port,
        host
      )
    case 'EACCES':
    case 'EPERM':
      return new ReceiverListenError(
        `${where} needs permissions this user does not have. Choose a port above 1023 (0 picks a free one).`,
        'permission',
        port,
        host
      )
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return new ReceiverListenError(
        `Cannot listen on ${host}: it is not an address of this machine. Use 127.0.0.1 (or 0.0.0.0 for all interfaces).`,
        'address',
        port,
        host
      )
    default: {
      const detail = errorMessage(error)
      return new ReceiverListenError(
        `Cannot listen on port ${port} on ${host}: ${detail}`,
        'other',
        port,
        host
      )
    }
  }
}
