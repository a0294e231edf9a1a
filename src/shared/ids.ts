/** Short sortable ids: time-ordered, unique within a process, no Node or DOM dependency. */
let last = 0
let seq = 0

export function newId(prefix: string): string {
  const now = Date.now()
  if (now === last) seq++
  else {
    last = now
    seq = 0
  }
  const rand = Math.floor(Math.random() * 0x100000)
    .toString(36)
    .padStart(4, '0')
  return `${prefix}_${now.toString(36)}${seq.toString(36).padStart(2, '0')}${rand}`
}
