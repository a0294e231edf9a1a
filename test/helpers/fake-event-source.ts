/** An EventSource stand-in for the HTTP bridge: the test opens, sends, errs and closes it. */
export class FakeSource {
  static all: FakeSource[] = []
  readyState = 0
  onopen: ((e: Event) => void) | null = null
  onmessage: ((e: MessageEvent) => void) | null = null
  onerror: ((e: Event) => void) | null = null
  closed = false
  private named = new Map<string, ((e: MessageEvent) => void)[]>()
  constructor(readonly url: string) {
    FakeSource.all.push(this)
  }
  close(): void {
    this.closed = true
    this.readyState = 2
  }
  addEventListener(type: string, listener: (e: MessageEvent) => void): void {
    this.named.set(type, [...(this.named.get(type) ?? []), listener])
  }
  send(data: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(data) }))
  }
  /** A message with an `event:` name, as the server's last message before it drops a client. */
  sendNamed(type: string, data: string): void {
    // A closed EventSource dispatches nothing.
    if (this.closed) return
    for (const listener of this.named.get(type) ?? []) {
      listener(new MessageEvent(type, { data }))
    }
  }
}
