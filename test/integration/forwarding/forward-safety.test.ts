import { createHash } from 'node:crypto'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import type { Capture } from '@shared/schemas'

/** What reached the forwarding target: the raw request line's path and the exact body bytes. */
interface Arrival {
  url: string
  body: Buffer
  contentLength: string | undefined
}

let engine: Engine
let receiverUrl: URL
let target: Server
let targetBase: string
const arrived: Arrival[] = []

beforeAll(async () => {
  engine = await createHeadlessEngine({ dataDir: null, receiverOverrides: { port: 0 } })
  receiverUrl = new URL(engine.receiverStatus().url!)
  target = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      arrived.push({
        url: req.url!,
        body: Buffer.concat(chunks),
        contentLength: req.headers['content-length']
      })
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('target')
    })
  })
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve))
  targetBase = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hooks/trialkit`
  await engine.setBehavior({ ...HEALTHY_BEHAVIOR, forwardTo: targetBase })
})
afterAll(async () => {
  await engine.close()
  await new Promise<void>((resolve) => target.close(() => resolve()))
})
beforeEach(() => {
  arrived.length = 0
})

/** Sends a request with this exact path (node does not normalize it) and returns the status. */
function post(path: string, body: Buffer, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: receiverUrl.hostname,
        port: receiverUrl.port,
        method: 'POST',
        path,
        headers: { 'Content-Length': String(body.length), ...headers }
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode!))
      }
    )
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')))
    req.on('error', reject)
    req.end(body)
  })
}

async function lastCapture(): Promise<Capture> {
  const all = await engine.listHistory({ limit: 50 })
  const capture = all.find((e): e is Capture => e.type === 'capture')
  if (!capture) throw new Error('no capture recorded')
  return capture
}

/** A gzip member of exactly `size` bytes (stored, incompressible content), the same every run. */
function gzipOfSize(size: number): Buffer {
  for (let n = size; n > 0; n--) {
    const chunks: Buffer[] = []
    let seed = Buffer.from('hook-inspector')
    while (Buffer.concat(chunks).length < n) {
      seed = createHash('sha256').update(seed).digest()
      chunks.push(seed)
    }
    const gz = gzipSync(Buffer.concat(chunks).subarray(0, n))
    if (gz.length === size) return gz
  }
  throw new Error(`no gzip of ${size} bytes`)
}

describe('forwarding stays where it was told', () => {
  it.each([
    ['/../../admin/delete'],
    ['/%2e%2e/%2e%2e/admin2'],
    ['/%2E%2E/%2e./x'],
    ['/..%2f..%2fadmin'],
    ['/..\\..\\admin'],
    ['/a/../../admin']
  ])('refuses %s, which would climb out of the base path, and sends nothing', async (path) => {
    const status = await post(path, Buffer.from('{}'))
    expect(status).toBe(502)
    expect(arrived).toEqual([])
    const capture = await lastCapture()
    expect(capture.forward).toMatchObject({
      url: targetBase,
      exchangeId: null,
      error: `The request path ${JSON.stringify(path)} climbs out of the forwarding target's path (/hooks/trialkit), so it was not forwarded.`
    })
  })

  it('resolves dot segments that stay under the base path', async () => {
    expect(await post('/study/./a/../b?x=1', Buffer.from('{}'))).toBe(200)
    expect(await post('/', Buffer.from('{}'))).toBe(200)
    expect(arrived.map((a) => a.url)).toEqual(['/hooks/trialkit/study/b?x=1', '/hooks/trialkit'])
  })

  it('forwards a binary body byte for byte (a 1,125-byte gzip arrives as 1,125 bytes)', async () => {
    const gz = gzipOfSize(1125)
    expect(gz.length).toBe(1125)
    const status = await post('/upload', gz, { 'Content-Type': 'application/octet-stream' })
    expect(status).toBe(200)
    expect(arrived).toHaveLength(1)
    expect(arrived[0]!.contentLength).toBe('1125')
    expect(arrived[0]!.body.length).toBe(1125)
    expect(arrived[0]!.body.equals(gz)).toBe(true)
  })
})
