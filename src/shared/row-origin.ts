import type { CapacityRun, Capture, Exchange } from './schemas'

/** What made a timeline row, as the timeline's origin filter and a HAR export name it. */
export const ROW_ORIGINS = [
  'fire',
  'capture',
  'replay',
  'check',
  'capacity',
  'scenario',
  'forwarded',
  'imported'
] as const
export type RowOrigin = (typeof ROW_ORIGINS)[number]

/** The entries a row is made of (a timeline row, or a row being exported). */
export interface OriginRow {
  exchange: Exchange | null
  capture: Capture | null
  capacity?: CapacityRun | null
}

/**
 * What made the row: the exchange's own origin when there is one (a re-send, the check, a
 * scenario step, a capacity run, the receiver's forwarding leg, a file from another tool), else a
 * capture the receiver forwarded or simply received. An entry imported from this app's own export
 * keeps the origin it had; only one read from another tool's file is `imported`.
 */
export function rowOrigin(row: OriginRow): RowOrigin {
  if (row.capacity) return 'capacity'
  const ex = row.exchange
  if (ex) {
    if (ex.replayOf || ex.origin === 'replay') return 'replay'
    switch (ex.origin) {
      case 'forward':
        return 'forwarded'
      case 'check':
      case 'scenario':
      case 'capacity':
        return ex.origin
      case 'import':
        return 'imported'
      default:
        return 'fire'
    }
  }
  return row.capture?.forward ? 'forwarded' : 'capture'
}

/** Whether any of the row's entries was read from an imported file. */
export function rowImported(row: OriginRow): boolean {
  return (
    row.exchange?.imported === true ||
    row.capture?.imported === true ||
    row.capacity?.imported === true
  )
}

/**
 * Whether a row passes the origin filter: its own origin, `imported` for every row read from a
 * file (whatever made it first), and `capture` for every request the receiver got on its own.
 */
export function originMatches(row: OriginRow, origin: RowOrigin): boolean {
  if (origin === 'imported' && rowImported(row)) return true
  if (origin === 'capture' && row.exchange === null && row.capture !== null) return true
  return rowOrigin(row) === origin
}
