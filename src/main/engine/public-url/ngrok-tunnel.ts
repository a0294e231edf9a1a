import type * as NgrokSdk from '@ngrok/ngrok'
import { TunnelError, type OpenTunnel, type OpenTunnelFn } from './tunnel'
import { errorMessage } from '@shared/error-message'

export const NGROK_TOKEN_ENV = 'NGROK_AUTHTOKEN'

/** ngrok's own error codes for a token it does not accept (its docs list ERR_NGROK_105/106/107). */
const AUTH_CODES = /ERR_NGROK_10[5-7]|authtoken|authentication failed/i

/** An ngrok SDK error in the words of the failure kinds. */
export function ngrokFailure(error: unknown): TunnelError {
  const message = errorMessage(error)
  if (AUTH_CODES.test(message)) {
    return new TunnelError('auth-refused', `ngrok refused the authtoken: ${message}`)
  }
  return new TunnelError('unreachable', `ngrok is unreachable: ${message}`)
}

/**
 * A tunnel through the official ngrok SDK. The authtoken comes from $NGROK_AUTHTOKEN or the
 * secret store, never from settings, and is handed to the SDK only.
 */
export function ngrokTunnel(options: { authtoken: string | null }): OpenTunnelFn {
  return async (localPort, signal): Promise<OpenTunnel> => {
    const authtoken = options.authtoken
    if (authtoken === null || authtoken === '') {
      throw new TunnelError(
        'no-authtoken',
        `ngrok needs an authtoken: set ${NGROK_TOKEN_ENV}, or enter one under Make public in the app`
      )
    }
    let ngrok: typeof NgrokSdk
    try {
      ngrok = await import('@ngrok/ngrok')
    } catch (error) {
      throw new TunnelError(
        'binary-missing',
        `the ngrok SDK cannot load on this platform: ${errorMessage(error)}`
      )
    }
    let dropped: (error: TunnelError) => void = () => undefined
    const closed = new Promise<TunnelError>((done) => (dropped = done))
    let listener: Awaited<ReturnType<typeof ngrok.forward>>
    try {
      listener = await ngrok.forward({
        addr: `127.0.0.1:${localPort}`,
        authtoken,
        onStatusChange: (status: string) => {
          if (status === 'closed') {
            dropped(new TunnelError('unreachable', 'the ngrok session lost its connection'))
          }
        }
      })
    } catch (error) {
      throw ngrokFailure(error)
    }
    const close = async (): Promise<void> => {
      await listener.close().catch(() => undefined)
    }
    signal.addEventListener('abort', () => void close(), { once: true })
    const url = listener.url()
    if (url === null) {
      await close()
      throw new TunnelError('exited', 'ngrok gave no URL for the tunnel')
    }
    return { url: url.endsWith('/') ? url : `${url}/`, closed, close }
  }
}
