import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import type { Capture } from '@shared/schemas'
import { curlForEntry, fetchForEntry, REDACTED } from '@shared/snippets'

const CURL = '/usr/bin/curl'
let engine: Engine
let url: string

beforeAll(async () => {
  engine = await createHeadlessEngine({ dataDir: null, receiverOverrides: { port: 0 } })
  url = engine.receiverStatus().url!
})
afterAll(async () => {
  await engine.close()
})

function post(path: string, body: Buffer, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path.slice(1)}`, { method: 'POST', headers }, (res) => {
      res.resume()
      res.on('end', () => resolve())
    })
    req.on('error', reject)
    req.end(body)
  })
}

function run(file: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { timeout: 10_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`))
      else resolve(stdout)
    })
    if (input !== undefined) child.stdin?.end(input)
  })
}

async function newest(): Promise<Capture> {
  const entries = await engine.listHistory({ limit: 20 })
  const c = entries.find((e): e is Capture => e.type === 'capture')
  if (!c) throw new Error('no capture')
  return c
}

const BODIES: [string, Buffer][] = [
  ['non-ASCII JSON', Buffer.from('{"form_name":"Évaluation ü ✓","quote":"it\'s"}\n', 'utf8')],
  ['binary bytes', Buffer.from([0, 1, 2, 0x27, 0x25, 0x5c, 0xff, 0xfe, 0x0a, 0x41])]
]

describe('copied snippets re-send the body byte for byte', () => {
  it('has curl on this machine', () => {
    // The cURL cases below run the real curl; without it they could not show anything.
    expect(existsSync(CURL), `${CURL} is needed for these tests`).toBe(true)
  })

  it.each(BODIES)('cURL of a capture with a %s body', async (_name, body) => {
    await post('/in?x=1', body, { 'Content-Type': 'application/octet-stream', 'X-Trace': 'a b' })
    const original = await newest()
    const command = curlForEntry(original)
    await run('/bin/sh', ['-c', command])
    const replayed = await newest()
    expect(replayed.id).not.toBe(original.id)
    expect(replayed.bodyBase64).toBe(original.bodyBase64)
    expect(replayed.path).toBe('/in')
    expect(replayed.query).toEqual({ x: '1' })
    expect(replayed.headers).toContainEqual(['X-Trace', 'a b'])
  })

  it.each(BODIES)('fetch of a capture with a %s body, run by Node', async (_name, body) => {
    await post('/f', body, { 'Content-Type': 'application/octet-stream' })
    const original = await newest()
    await run(process.execPath, ['--input-type=module', '-e', fetchForEntry(original)])
    const replayed = await newest()
    expect(replayed.id).not.toBe(original.id)
    expect(replayed.bodyBase64).toBe(original.bodyBase64)
  })

  it('redacts credentials when asked, and keeps them otherwise', async () => {
    const auth = `Basic ${Buffer.from('ann@site.org:s3cret').toString('base64')}`
    await post('/a', Buffer.from('{}'), { Authorization: auth })
    const c = await newest()
    expect(curlForEntry(c, false)).not.toContain(auth)
    expect(curlForEntry(c, false)).not.toContain('s3cret')
    expect(fetchForEntry(c, false)).toContain(`"Authorization": "${REDACTED}"`)
    expect(fetchForEntry(c, false)).not.toContain(auth)
    expect(curlForEntry(c, true)).toContain(auth)
  })

  it('cURL without secrets sends the email with the password from $HOOK_PASSWORD', async () => {
    const auth = `Basic ${Buffer.from('ann@site.org:s3cret').toString('base64')}`
    await post('/p', Buffer.from('{"a":1}'), { Authorization: auth })
    const original = await newest()
    const command = curlForEntry(original, false)
    expect(command).toContain(`-u 'ann@site.org:'"$HOOK_PASSWORD"`)

    await run('/bin/sh', ['-c', `HOOK_PASSWORD='s3cret'\n${command}`])
    const filled = await newest()
    expect(filled.id).not.toBe(original.id)
    expect(filled.auth).toMatchObject({ email: 'ann@site.org', password: 's3cret' })
    expect(filled.bodyBase64).toBe(original.bodyBase64)

    // Forgotten: the same email with an empty password, which an endpoint refuses.
    await run('/bin/sh', ['-c', `unset HOOK_PASSWORD\n${command}`])
    const forgotten = await newest()
    expect(forgotten.id).not.toBe(filled.id)
    expect(forgotten.auth).toMatchObject({ email: 'ann@site.org', password: '' })
  })
})
