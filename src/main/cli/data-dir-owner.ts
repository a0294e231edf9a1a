import { printError } from './output'

/**
 * The engine options that name this command as its data dir's owner (see the engine's
 * data-dir-lock.ts): a second writer is told who holds the data dir, and a lock taken over from
 * a process that no longer runs is said on stderr.
 */
export function ownedBy(command: string): { owner: string; announce: (message: string) => void } {
  return {
    owner: `hook-inspector ${command}`,
    announce: (message) => void printError(`warning: ${message}`)
  }
}
