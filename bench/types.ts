/** The shapes every benchmark section shares: its options in, its table rows and raw data out. */

export const SECTION_NAMES = [
  'receiver',
  'dispatch',
  'capacity',
  'timeout',
  'delay',
  'history',
  'hostile',
  'startup'
] as const
export type SectionName = (typeof SECTION_NAMES)[number]

/** One line of the results table. Text cells are already formatted for people. */
export interface ResultRow {
  section: SectionName
  figure: string
  value: string
  baseline: string
  /** value ÷ baseline, when the two are comparable. */
  ratio: number | null
  target: string
  /** null: there is no target for this figure. */
  met: boolean | null
}

export interface SectionOutput {
  rows: ResultRow[]
  /** The raw measurements, for bench/results/latest.json. */
  details: Record<string, unknown>
}

export interface SectionContext {
  /** Shorter runs for a smoke test; figures are then not representative. */
  quick: boolean
  /** The repository root. */
  root: string
  /** A temp directory of this run, removed at the end. */
  tmp: string
}

export interface Section {
  name: SectionName
  title: string
  /** The whole section is cut off after this long; every loop inside is bounded too. */
  budgetMs: (quick: boolean) => number
  run: (ctx: SectionContext) => Promise<SectionOutput>
}
