import type { TunnelFailure } from '@shared/public-url'
import { cloudflaredFailureFromLine, cloudflaredUrlFromLine } from './output-lines'
import { spawnTunnel, type OpenTunnelFn } from './tunnel'

/** A Cloudflare quick tunnel through the `cloudflared` program, which the app never downloads. */
export function cloudflaredTunnel(options: { command?: string } = {}): OpenTunnelFn {
  return (localPort, signal) =>
    spawnTunnel({
      command: options.command ?? 'cloudflared',
      args: ['tunnel', '--no-autoupdate', '--url', `http://127.0.0.1:${localPort}`],
      label: 'cloudflared',
      installHint:
        "install Cloudflare's cloudflared and make sure it is on PATH (the app does not download it)",
      urlFromLine: cloudflaredUrlFromLine,
      failureFromLine: cloudflaredFailureFromLine,
      describe: (failure: TunnelFailure, detail: string) =>
        failure === 'unreachable' ? `Cloudflare is unreachable (${detail})` : detail,
      signal
    })
}
