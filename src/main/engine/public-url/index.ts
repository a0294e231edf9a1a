import type { PublicProvider } from '@shared/public-url'
import { cloudflaredTunnel } from './cloudflared-tunnel'
import { ngrokTunnel } from './ngrok-tunnel'
import { sshTunnel } from './ssh-tunnel'
import type { OpenTunnelFn } from './tunnel'

export { TunnelRunner, START_TIMEOUT_MS } from './runner'
export { TunnelError, type OpenTunnelFn } from './tunnel'
export { NGROK_TOKEN_ENV } from './ngrok-tunnel'
export { KNOWN_HOSTS_FILE } from './ssh-tunnel'

export interface TunnelChoice {
  provider: PublicProvider
  target: string | null
  identityFile: string | null
  /** Where the ssh provider keeps its known_hosts. */
  dataDir: string
  ngrokAuthtoken: string | null
}

/** The opener for the chosen provider. */
export function tunnelOpener(choice: TunnelChoice): OpenTunnelFn {
  switch (choice.provider) {
    case 'ssh':
      return sshTunnel({
        target: choice.target ?? '',
        identityFile: choice.identityFile,
        dataDir: choice.dataDir
      })
    case 'ngrok':
      return ngrokTunnel({ authtoken: choice.ngrokAuthtoken })
    case 'cloudflared':
      return cloudflaredTunnel()
  }
}
