import { describe, expect, it } from 'vitest'
import { PublicRequestSchema, type PublicStatus } from '@shared/public-url'
import { NGROK_SECRET_KEY, PublicUrlService } from '@main/engine/services/public-url'
import { TunnelError, type OpenTunnelFn } from '@main/engine/public-url/tunnel'
import { ExposureGuard } from '@main/engine/exposure'

function setup(options: { credentials: boolean; open: OpenTunnelFn }) {
  const statuses: PublicStatus[] = []
  const secrets = new Map<string, string>()
  const choices: unknown[] = []
  const service = new PublicUrlService({
    dataDir: '/data',
    receiverPort: () => 4700,
    expectedAuth: () => (options.credentials ? { email: 'a@b.c', password: 'pw' } : null),
    exposure: new ExposureGuard(false, () => ({ tunnel: false, host: null })),
    secrets: {
      get: (k) => secrets.get(k),
      set: async (k, v) => void secrets.set(k, v)
    },
    onStatus: (s) => statuses.push(s),
    env: {},
    opener: (choice) => {
      choices.push(choice)
      return options.open
    }
  })
  return { service, statuses, secrets, choices }
}

const upAt =
  (url: string): OpenTunnelFn =>
  async () => ({ url, closed: new Promise(() => undefined), close: async () => undefined })

describe('the public URL service', () => {
  it('refuses to go public without expected credentials unless asked for anonymity', async () => {
    const { service } = setup({ credentials: false, open: upAt('https://x.example/') })
    await expect(
      service.start(PublicRequestSchema.parse({ provider: 'cloudflared' }))
    ).rejects.toMatchObject({
      field: 'expectedAuth',
      message:
        'Making the receiver public is refused: the receiver is public through a tunnel, so anyone who finds its URL could send it requests; it needs expected credentials with a non-empty email and password, unless anonymous access is chosen (--allow-anonymous, or confirm anonymous access in the app).'
    })
    const status = await service.start(
      PublicRequestSchema.parse({ provider: 'cloudflared', allowAnonymous: true })
    )
    expect(status).toMatchObject({ state: 'up', url: 'https://x.example/' })
  })

  it('keeps the ngrok authtoken in the secret store and hands it to the provider', async () => {
    const { service, secrets, choices } = setup({ credentials: true, open: upAt('https://n/') })
    await service.start(PublicRequestSchema.parse({ provider: 'ngrok', ngrokAuthtoken: 'tok_1' }))
    expect(secrets.get(NGROK_SECRET_KEY)).toBe('tok_1')
    expect(choices[0]).toMatchObject({ provider: 'ngrok', ngrokAuthtoken: 'tok_1' })
  })

  it('reports starting, then the reason when it cannot come up, and ends off', async () => {
    const { service, statuses } = setup({
      credentials: true,
      open: async () => {
        throw new TunnelError('auth-refused', 'example.org refused authentication')
      }
    })
    await expect(
      service.start(PublicRequestSchema.parse({ provider: 'ssh', target: 'me@example.org' }))
    ).rejects.toThrow(/could not come up: example.org refused authentication/)
    expect(statuses.map((s) => s.state)).toEqual(['starting', 'off'])
    expect(service.status()).toMatchObject({ failure: 'auth-refused', url: null })
  })

  it('stop closes the tunnel and reports off', async () => {
    let closed = 0
    const { service } = setup({
      credentials: true,
      open: async () => ({
        url: 'https://y/',
        closed: new Promise(() => undefined),
        close: async () => void closed++
      })
    })
    await service.start(PublicRequestSchema.parse({ provider: 'cloudflared' }))
    expect((await service.stop()).state).toBe('off')
    expect(closed).toBe(1)
  })
})
