import type { Notice } from '@shared/schemas'
import type { Engine } from '../engine'
import { printError } from './output'

/** A notice as one stderr line: its level first, as the UI's colour says it. */
export function noticeLine(notice: Pick<Notice, 'level' | 'message'>): string {
  return `${notice.level}: ${notice.message}`
}

/**
 * Prints on stderr every notice the engine raised while it started (a data dir it could not
 * narrow, history in memory only, a receiver exposed beyond loopback, a bad settings file, …)
 * and then each one raised later, once each. A terminal user sees at start what the UI shows as
 * notices: a warning raised before anyone subscribed must not be lost.
 */
export async function printEngineNotices(engine: Engine): Promise<void> {
  const printed = new Set<string>()
  const print = (notice: Notice): Promise<void> => {
    if (printed.has(notice.id)) return Promise.resolve()
    printed.add(notice.id)
    return printError(noticeLine(notice))
  }
  // Subscribed first: a notice raised while the list is read is printed by one or the other.
  engine.on('notice', (notice) => void print(notice))
  for (const notice of (await engine.getInfo()).notices) await print(notice)
}
