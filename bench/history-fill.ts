import { join } from 'node:path'
import { FileSettingsPort, HISTORY_FILE, openJournal } from '../src/main/engine'
import { bytesToBase64, utf8Encode } from '../src/shared/bytes'
import { defaultSettings } from '../src/shared/defaults'
import { newId } from '../src/shared/ids'
import type { Exchange } from '../src/shared/schemas'
import { buildEventBody, HOOK_EVENTS } from '../src/shared/trialkit'
import { buildWireRequest } from '../src/shared/wire-request'
import { USER_AGENT } from './fixtures'

const OK_BODY = '{"ok":true}'
const BATCH = 5000

/**
 * A small finished exchange as the dispatcher records it: the three events in turn, every
 * second one with Basic auth, every tenth one a timeout, one second apart.
 */
export function smallExchange(i: number, startMs: number): Exchange {
  const event = HOOK_EVENTS[i % HOOK_EVENTS.length]!
  const body = buildEventBody(event, { trans_id: String(1000 + i) })
  const built = buildWireRequest(
    {
      url: 'http://127.0.0.1:4700/hook',
      email: i % 2 === 0 ? 'monitor@example.org' : '',
      password: 's3cret'
    },
    body,
    USER_AGENT
  )
  if (!built.ok) throw new Error(built.message)
  const failed = i % 10 === 9
  return {
    type: 'exchange',
    id: newId('exc'),
    state: 'done',
    startedAt: new Date(startMs + i * 1000).toISOString(),
    hookId: 'hook_bench',
    hookName: 'Bench hook',
    event,
    request: built.request,
    response: failed
      ? null
      : {
          status: 200,
          statusText: 'OK',
          headers: [
            ['Content-Type', 'application/json; charset=utf-8'],
            ['Content-Length', String(OK_BODY.length)]
          ],
          bodyBase64: bytesToBase64(utf8Encode(OK_BODY)),
          bodySize: OK_BODY.length,
          truncated: false
        },
    error: failed ? { kind: 'timeout', message: 'No complete response within 30 s.' } : null,
    timings: failed
      ? { connectMs: 0.4, firstByteMs: null, totalMs: 30_000 }
      : { connectMs: 0.4, firstByteMs: 2.1, totalMs: 2.6 },
    timeoutMs: 30_000,
    captureId: null,
    replayOf: null
  }
}

/**
 * A data dir holding `count` exchanges in its journal, written through the journal itself so the
 * format is exactly what the app writes, and settings whose history cap keeps them all.
 */
export async function fillHistory(
  dataDir: string,
  count: number
): Promise<{ file: string; oldestId: string }> {
  const cap = Math.max(count, defaultSettings().preferences.historyCap)
  const settings = defaultSettings()
  settings.preferences.historyCap = cap
  settings.preferences.firstRunDone = true
  await new FileSettingsPort(dataDir).save(settings)
  const file = join(dataDir, HISTORY_FILE)
  const journal = await openJournal({ file, cap })
  const startMs = Date.now() - count * 1000
  let oldestId = ''
  try {
    for (let done = 0; done < count; done += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, count - done) }, (_, k) =>
        smallExchange(done + k, startMs)
      )
      if (done === 0) oldestId = batch[0]!.id
      await Promise.all(batch.map((entry) => journal.append(entry)))
    }
  } finally {
    await journal.close()
  }
  if (!journal.persisted) throw new Error(`the journal ${file} could not be written`)
  return { file, oldestId }
}
