/**
 * A small seeded PRNG (mulberry32), so a fuzz run that finds something can be replayed exactly
 * from the seed it printed.
 */
export class Prng {
  private state: number

  constructor(readonly seed: number) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T
  }

  bytes(length: number): Buffer {
    const out = Buffer.alloc(length)
    for (let i = 0; i < length; i++) out[i] = this.int(0, 255)
    return out
  }
}

/** The seed from $RELIABILITY_SEED (to replay a run) or a fresh one. */
export function seedFromEnv(): number {
  const fixed = process.env.RELIABILITY_SEED
  if (fixed !== undefined && /^\d+$/.test(fixed)) return Number(fixed) >>> 0
  return Math.floor(Math.random() * 2 ** 32) >>> 0
}
