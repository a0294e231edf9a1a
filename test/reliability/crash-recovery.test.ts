import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Agent, request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppInfo, HistoryEntry } from '@shared/schemas'
import { ensureBuilt, startServe, type ServeProcess } from '../helpers/cli'
import { failOnProcessErrors } from './support/process-guard'

failOnProcessErrors()

const TOKEN = 'reliability-crash-token-0123456789'
/** Requests offered in total; the kill lands once KILL_AFTER of them were answered. */
const OFFERED = 4000
const KILL_AFTER = 1500
const CONCURRENCY = 16

function markerOf(entry: HistoryEntry): string | null {
  if (entry.type !== 'capture') return null
  const text = Buffer.from(entry.bodyBase64, 'base64').toString('utf8')
  const match = /^\{"marker":"(r-\d+)"\}$/.exec(text)
  return match ? match[1]! : null
}

describe('nothing lost: serve killed hard in the middle of a flood', () => {
  let dir: string
  const running: ServeProcess[] = []

  beforeAll(() => {
    ensureBuilt()
    dir = mkdtempSync(join(tmpdir(), 'hi-rel-crash-'))
  }, 240_000)
  afterAll(async () => {
    await Promise.all(running.map((s) => s.cli.stop('SIGKILL')))
    rmSync(dir, { recursive: true, force: true })
  })

  it('every request answered before SIGKILL is in the history after a restart', async () => {
    const first = await startServe(dir, TOKEN)
    running.push(first)
    const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 10_000 })
    const answered = new Map<string, string>()
    let next = 0
    let killed = false

    const worker = async (): Promise<void> => {
      while (!killed && next < OFFERED) {
        const marker = `r-${next++}`
        const body = JSON.stringify({ marker })
        try {
          const res = await request(`${first.receiverUrl}flood`, {
            dispatcher: agent,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
            headersTimeout: 5000,
            bodyTimeout: 5000
          })
          await res.body.dump()
          if (res.statusCode === 200) answered.set(marker, body)
        } catch {
          // Requests in flight when the process dies fail; they were never answered.
        }
        if (!killed && answered.size >= KILL_AFTER) {
          killed = true
          first.cli.child.kill('SIGKILL')
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    await agent.destroy()
    const exit = await first.cli.wait()
    expect(exit.signal).toBe('SIGKILL')
    expect(answered.size).toBeGreaterThanOrEqual(KILL_AFTER)

    // On disk: every line but (at most) a torn last one is a complete entry.
    const text = readFileSync(join(dir, 'history.jsonl'), 'utf8')
    const lines = text.split('\n')
    const tail = lines.pop() ?? ''
    const unreadable = lines.filter((line) => {
      try {
        JSON.parse(line)
        return false
      } catch {
        return true
      }
    })
    expect(unreadable).toEqual([])
    const tornTail = tail === '' ? 0 : 1

    const second = await startServe(dir, TOKEN)
    running.push(second)
    const history = await second.call<HistoryEntry[]>('listHistory', [{}])
    const kept = new Map<string, string>()
    for (const entry of history) {
      const marker = markerOf(entry)
      if (marker && entry.type === 'capture') {
        kept.set(marker, Buffer.from(entry.bodyBase64, 'base64').toString('utf8'))
      }
    }
    const lost = [...answered.keys()].filter((marker) => !kept.has(marker))
    expect(lost).toEqual([])
    for (const [marker, body] of answered) expect(kept.get(marker)).toBe(body)
    // Captures journaled but not answered in time may be there too; nothing else is.
    expect(history.length).toBeGreaterThanOrEqual(answered.size)
    expect(history.length).toBeLessThanOrEqual(lines.length)

    const info = await second.call<AppInfo>('getInfo')
    expect(info.historyPersisted).toBe(true)
    const skippedNotice = info.notices.find((n) => /unreadable history line/.test(n.message))
    if (tornTail === 0) expect(skippedNotice).toBeUndefined()
    else expect(skippedNotice?.message).toMatch(/^1 unreadable history line/)

    // The restarted app records new requests on top of the recovered history.
    const res = await fetch(`${second.receiverUrl}after-restart`, { method: 'POST', body: '{}' })
    expect(res.status).toBe(200)
    const after = await second.call<HistoryEntry[]>('listHistory', [{ limit: 1 }])
    expect(after[0]).toMatchObject({ type: 'capture', path: '/after-restart' })
    expect((await second.cli.stop('SIGTERM')).code).toBe(0)
  }, 60_000)
})
