/** Short sortable ids: time-ordered, unique within a process, no Node or DOM dependency. */
let last = 0
let stamp = ''
let seq = 0

/** Every two-character base-36 string, "00" to "zz", in order. */
const PAIRS = Array.from({ length: 36 * 36 }, (_, i) => i.toString(36).padStart(2, '0'))

/**
 * `prefix_` + the time in ms (base 36) + a two-character sequence within that ms + four random
 * characters. The time never goes back: a clock set back, or more than 1,296 ids in one ms, carry
 * on from the last time used, so ids always sort in the order they were made. Ids are made for
 * every captured request, so the parts come from a table rather than number formatting each time.
 */
export function newId(prefix: string): string {
  const now = Date.now()
  if (now > last) {
    last = now
    stamp = now.toString(36)
    seq = 0
  } else if (++seq === PAIRS.length) {
    last++
    stamp = last.toString(36)
    seq = 0
  }
  const order = PAIRS[seq]
  const rand1 = PAIRS[Math.floor(Math.random() * PAIRS.length)]
  const rand2 = PAIRS[Math.floor(Math.random() * PAIRS.length)]
  return `${prefix}_${stamp}${order}${rand1}${rand2}`
}
