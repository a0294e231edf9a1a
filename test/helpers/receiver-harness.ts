import { readFileSync } from 'node:fs'
import { Agent, request } from 'undici'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import type { ListenOptions, ReceiverOptions, RunningReceiver } from '@main/engine/ports'
import { startReceiver } from '@main/engine/receiver'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import { CaptureSchema, type Behavior, type Capture } from '@shared/schemas'

/** A receiver on a free loopback port, with a behaviour the test can change and its captures. */
export interface Harness {
  receiver: RunningReceiver
  captures: Capture[]
  behavior: Behavior
  url(path?: string): string
  close(): Promise<void>
}

/** A healthy behaviour with some fields replaced. */
export function behaviorWith(patch: Partial<Behavior>): Behavior {
  return { ...structuredClone(HEALTHY_BEHAVIOR), preset: null, ...patch }
}

/**
 * Starts a receiver whose captures are checked against the Capture schema as they arrive, so
 * every test also proves the capture shape.
 */
export async function startHarness(
  options: Partial<ReceiverOptions & ListenOptions> = {}
): Promise<Harness> {
  const captures: Capture[] = []
  const harness: Harness = {
    captures,
    behavior: behaviorWith({}),
    receiver: undefined as unknown as RunningReceiver,
    url: (path = '/') => `${harness.receiver.url.replace(/\/$/, '')}${path}`,
    close: () => harness.receiver.close()
  }
  harness.receiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    getBehavior: () => harness.behavior,
    onCapture: (capture) => {
      CaptureSchema.parse(capture)
      captures.push(capture)
    },
    // A capture found unfinished later (the caller left before its answer) is updated in place.
    onUnfinished: (id, unfinished) => {
      const at = captures.findIndex((c) => c.id === id)
      if (at >= 0) captures[at] = CaptureSchema.parse({ ...captures[at], unfinished })
    },
    ...options
  })
  return harness
}

/**
 * One receiver for the tests of a file or describe block, so each does not set it up again:
 * started before them, emptied (captures) and made healthy (behaviour) before each, and closed
 * with its agent after them. `h` stands for the running harness from `beforeAll` on.
 */
export function useHarness(options: Partial<ReceiverOptions & ListenOptions> = {}): {
  h: Harness
  agent: Agent
} {
  let running: Harness | null = null
  const current = (): Harness => {
    if (!running) throw new Error('the receiver harness is used before its beforeAll ran')
    return running
  }
  const agent = newAgent()
  const h: Harness = {
    get receiver() {
      return current().receiver
    },
    get captures() {
      return current().captures
    },
    get behavior() {
      return current().behavior
    },
    set behavior(behavior: Behavior) {
      current().behavior = behavior
    },
    url: (path) => current().url(path),
    close: () => current().close()
  }
  beforeAll(async () => {
    running = await startHarness(options)
  })
  afterAll(async () => {
    await agent.close()
    await running?.close()
  })
  beforeEach(() => {
    h.captures.length = 0
    h.behavior = behaviorWith({})
  })
  return { h, agent }
}

export interface SimpleResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/** One request through undici (a real HTTP client), body read fully. */
export async function send(
  dispatcher: Agent,
  url: string,
  init: {
    method?: string
    headers?: string[] | Record<string, string>
    body?: string | Buffer
  } = {}
): Promise<SimpleResponse> {
  const res = await request(url, {
    dispatcher,
    method: (init.method ?? 'GET') as 'GET',
    headers: init.headers,
    body: init.body
  })
  const body = Buffer.from(await res.body.arrayBuffer())
  return { status: res.statusCode, headers: res.headers, body }
}

export function newAgent(): Agent {
  return new Agent({ keepAliveTimeout: 1000, connections: 8 })
}

const FIXTURES = new URL('../fixtures/trialkit/', import.meta.url)

/** A TrialKit fixture body, byte-exact. */
export function fixture(name: 'insert' | 'update' | 'review'): Buffer {
  return readFileSync(new URL(`${name}.json`, FIXTURES))
}

export function bodyOf(capture: Capture): Buffer {
  return Buffer.from(capture.bodyBase64, 'base64')
}
