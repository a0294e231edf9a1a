import { join } from 'node:path'
import { DEFAULT_HISTORY_CAP, type Capture } from '../../shared/schemas'
import { ensureDataDir, openJournal } from '../engine'
import type { HistoryStore } from '../engine/contracts'
import { HISTORY_FILE } from '../engine/engine'
import { isHistoryWriteError, unsavedCapture } from '../engine/journal/write-failure'
import {
  HISTORY_WRITES_RESUMED,
  historyInMemoryMessage,
  historyWriteFailedMessage
} from '../engine/journal/write-notice'
import { printError } from './output'

export interface ListenHistory {
  /** Writes the capture before it is answered; throws a HistoryWriteError when it cannot. */
  record(capture: Capture, show: (capture: Capture) => void): Promise<void>
  close(): Promise<void>
}

/**
 * `listen --data-dir`: every capture goes to DIR/history.jsonl before it is answered, as the app
 * does. While it cannot be written the receiver answers 503, and one line says when that starts
 * and when it ends.
 */
export async function openListenHistory(dataDir: string): Promise<ListenHistory> {
  await ensureDataDir(dataDir).catch(() => undefined)
  const journal: HistoryStore = await openJournal({
    file: join(dataDir, HISTORY_FILE),
    cap: DEFAULT_HISTORY_CAP
  })
  const error = journal.loadReport.error
  if (error !== null) await printError(`warning: ${historyInMemoryMessage(error)}`)
  journal.onWriteState((failure) => {
    void printError(
      failure === null ? HISTORY_WRITES_RESUMED : `error: ${historyWriteFailedMessage(failure)}`
    )
  })
  return {
    async record(capture, show) {
      try {
        await journal.record(capture)
      } catch (e) {
        show(isHistoryWriteError(e) ? unsavedCapture(capture) : capture)
        throw e
      }
      show(capture)
    },
    close: () => journal.close()
  }
}
