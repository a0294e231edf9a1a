// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { PublicBanner } from '@renderer/components/layout/PublicBanner'
import { MakePublic } from '@renderer/components/receiver/MakePublic'
import type { PublicRequest, PublicStatus } from '@shared/public-url'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

const up = (request: PublicRequest): PublicStatus => ({
  state: 'up',
  provider: request.provider,
  target: request.target ?? null,
  url: 'https://4fa8.lhr.life/',
  reason: null,
  failure: null,
  since: '2026-01-01T00:00:00.000Z'
})

async function setup(expected: boolean) {
  const bridge = new FakeBridge()
  bridge.settings = {
    ...bridge.settings,
    behavior: {
      ...bridge.settings.behavior,
      expectedAuth: expected ? { email: 'ann@site.org', password: 'pw' } : null
    }
  }
  bridge.startPublicImpl = async (request) => up(request)
  const r = await renderWithStore(
    <>
      <PublicBanner />
      <MakePublic />
    </>,
    bridge
  )
  await act(async () => {
    r.store.setState({
      receiver: {
        running: true,
        host: '127.0.0.1',
        port: 4700,
        url: 'http://127.0.0.1:4700/',
        error: null,
        exposed: false
      }
    })
  })
  return r
}

describe('Make public', () => {
  it('goes public through ssh with the expected credentials, then says how to use it in TrialKit', async () => {
    const { bridge } = await setup(true)
    fireEvent.click(screen.getByTestId('public-open'))
    fireEvent.change(screen.getByTestId('public-target'), {
      target: { value: 'me@example.org:2222' }
    })
    expect(screen.getByTestId('public-credentials-note').textContent).toContain('ann@site.org')
    await act(async () => {
      fireEvent.click(screen.getByTestId('public-start'))
    })
    expect(bridge.callsOf('startPublic')[0]?.[0]).toEqual({
      provider: 'ssh',
      target: 'me@example.org:2222',
      identityFile: null,
      ngrokAuthtoken: null,
      allowAnonymous: false
    })
    expect(screen.getByTestId('public-url').textContent).toBe('https://4fa8.lhr.life/')
    expect(screen.getByTestId('use-in-trialkit').textContent).toContain('ann@site.org')
    expect(screen.getByTestId('public-banner').textContent).toContain('https://4fa8.lhr.life/')
    await act(async () => {
      fireEvent.click(screen.getByTestId('public-banner-stop'))
    })
    expect(bridge.callsOf('stopPublic')).toHaveLength(1)
    expect(screen.queryByTestId('public-banner')).toBeNull()
  })

  it('asks before going public without expected credentials', async () => {
    const { bridge } = await setup(false)
    fireEvent.click(screen.getByTestId('public-open'))
    fireEvent.change(screen.getByTestId('public-provider'), { target: { value: 'cloudflared' } })
    await act(async () => {
      fireEvent.click(screen.getByTestId('public-start'))
    })
    expect(bridge.callsOf('startPublic')).toHaveLength(0)
    await act(async () => {
      fireEvent.click(screen.getByTestId('public-anonymous-ok'))
    })
    expect(bridge.callsOf('startPublic')[0]?.[0]).toMatchObject({
      provider: 'cloudflared',
      target: null,
      allowAnonymous: true
    })
  })

  it('shows why a tunnel could not come up, next to the form', async () => {
    const { bridge } = await setup(true)
    bridge.startPublicImpl = async () => {
      throw new Error('the public URL could not come up: cloudflared was not found on PATH')
    }
    fireEvent.click(screen.getByTestId('public-open'))
    fireEvent.change(screen.getByTestId('public-provider'), { target: { value: 'cloudflared' } })
    await act(async () => {
      fireEvent.click(screen.getByTestId('public-start'))
    })
    expect(screen.getByTestId('public-error').textContent).toContain('not found on PATH')
    expect(screen.getByTestId('public-form')).toBeTruthy()
  })
})
