/**
 * Runs operations one at a time, in call order, whatever the previous one's outcome: a save, a
 * receiver restart or a journal write starts only once the one before it has settled. Each caller
 * gets its own operation's result or rejection.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(op: () => Promise<T> | T): Promise<T> {
    const run = this.tail.then(op, op)
    this.tail = run.catch(() => undefined)
    return run
  }

  /** Resolves once every operation queued so far has settled. */
  settled(): Promise<void> {
    return this.tail.then(() => undefined)
  }
}
