import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Capture, Exchange } from '@shared/schemas'

/** A small valid capture, as the receiver would record it. */
export function makeCapture(id: string, extra: Partial<Capture> = {}): Capture {
  return {
    type: 'capture',
    id,
    receivedAt: new Date(0).toISOString(),
    method: 'POST',
    path: '/hook',
    query: {},
    httpVersion: '1.1',
    headers: [['Content-Type', 'application/json; charset=utf-8']],
    bodyBase64: Buffer.from('{"OnInsert":true}').toString('base64'),
    bodySize: 17,
    truncated: false,
    json: { OnInsert: true },
    jsonError: null,
    auth: null,
    event: 'insert',
    response: { status: 200, delayMs: 0, fault: 'none' },
    remoteAddress: '127.0.0.1',
    remotePort: 50000,
    exchangeId: null,
    ...extra
  }
}

/** A small valid finished exchange. */
export function makeExchange(id: string, extra: Partial<Exchange> = {}): Exchange {
  return {
    type: 'exchange',
    id,
    state: 'done',
    startedAt: new Date(0).toISOString(),
    hookId: null,
    hookName: 'Study 7',
    event: 'insert',
    request: { method: 'POST', url: 'http://127.0.0.1:1/', headers: [], body: '{}', bodySize: 2 },
    response: null,
    error: { kind: 'connection-refused', message: 'refused' },
    timings: { connectMs: null, firstByteMs: null, totalMs: 1 },
    timeoutMs: 30000,
    captureId: null,
    replayOf: null,
    ...extra
  }
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'hook-inspector-test-'))
}

export async function removeDir(dir: string): Promise<void> {
  await chmod(dir, 0o700).catch(() => undefined)
  await rm(dir, { recursive: true, force: true })
}

/**
 * A path that can never be written: under a read-only folder for a normal user, or, when running
 * as root (which ignores folder permissions), under a regular file (ENOTDIR).
 */
export async function unwritableDir(base: string): Promise<string> {
  const ro = join(base, 'read-only')
  await mkdir(ro)
  await chmod(ro, 0o500)
  try {
    await writeFile(join(ro, 'probe'), 'x')
  } catch {
    return ro
  }
  await rm(join(ro, 'probe'))
  const file = join(base, 'not-a-folder')
  await writeFile(file, 'x')
  return join(file, 'data')
}
