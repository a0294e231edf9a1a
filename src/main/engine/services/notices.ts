import { newId } from '@shared/ids'
import type { Notice } from '@shared/schemas'

/**
 * The notices the user sees (getInfo). A notice raised under a key is shown once per run: a
 * failing save raises it on the first failure, not on every later change.
 */
export class NoticeBoard {
  private readonly notices: Notice[] = []
  private readonly raisedKeys = new Set<string>()

  /** `onRaise` hears every notice raised (the engine emits it as a live event). */
  constructor(private readonly onRaise: (notice: Notice) => void = () => undefined) {}

  list(): Notice[] {
    return this.notices.map((n) => ({ ...n }))
  }

  /** Adds a notice; returns it, or null when one with this key was already raised. */
  raise(level: Notice['level'], message: string, key?: string): Notice | null {
    if (key !== undefined) {
      if (this.raisedKeys.has(key)) return null
      this.raisedKeys.add(key)
    }
    const notice: Notice = { id: newId('notice'), level, message }
    this.notices.push(notice)
    this.onRaise(notice)
    return notice
  }

  /** Adds a notice made elsewhere (settings load, secret store). */
  add(notice: Notice): void {
    if (!this.notices.some((n) => n.id === notice.id)) this.notices.push({ ...notice })
  }

  dismiss(id: string): boolean {
    const index = this.notices.findIndex((n) => n.id === id)
    if (index === -1) return false
    this.notices.splice(index, 1)
    return true
  }
}
