import { describe, expect, it } from 'vitest'
import type { ListenOptions, ReceiverOptions } from '@main/engine'
import { ReceiverListenError } from '@main/engine'
import { listenWithPolicy } from '@main/engine/receiver/listen-policy'
import { behaviorPreset } from '@shared/presets'

const base: ReceiverOptions & ListenOptions = {
  host: '127.0.0.1',
  port: 5000,
  getBehavior: () => behaviorPreset('Healthy'),
  onCapture: () => undefined
}

function busyUntil(freePort: number | null) {
  const tried: number[] = []
  const start = async (o: ReceiverOptions & ListenOptions) => {
    tried.push(o.port)
    if (o.port !== freePort) {
      throw new ReceiverListenError(`Port ${o.port} is in use`, 'port-in-use', o.port, o.host)
    }
    return { host: o.host, port: o.port, url: `http://${o.host}:${o.port}/`, close: async () => {} }
  }
  return { tried, start }
}

describe('listenWithPolicy', () => {
  it("tries the next ports under 'next-free'", async () => {
    const { tried, start } = busyUntil(5003)
    const running = await listenWithPolicy(start, base, 'next-free')
    expect(running.port).toBe(5003)
    expect(tried).toEqual([5000, 5001, 5002, 5003])
  })

  it('gives up after 20 more ports with the last error', async () => {
    const { tried, start } = busyUntil(null)
    await expect(listenWithPolicy(start, base, 'next-free')).rejects.toThrow('Port 5020')
    expect(tried).toHaveLength(21)
  })

  it("fails at once under 'fail', and for errors other than a taken port", async () => {
    const busy = busyUntil(5001)
    await expect(listenWithPolicy(busy.start, base, 'fail')).rejects.toThrow('Port 5000')
    expect(busy.tried).toEqual([5000])
    const denied = async (o: ListenOptions) => {
      throw new ReceiverListenError('denied', 'permission', o.port, o.host)
    }
    await expect(listenWithPolicy(denied, base, 'next-free')).rejects.toThrow('denied')
  })
})
