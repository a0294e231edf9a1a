/**
 * The file is rewritten with only the kept entries once it holds this many times the cap in lines
 * and this many times the kept entries' size plus the slack in bytes.
 */
export const COMPACT_FACTOR = 2
/**
 * How much the file may outgrow twice the kept entries before a rewrite: a flood into a small
 * history then rewrites it every few tens of thousands of lines, not every `cap` lines.
 */
export const DEFAULT_COMPACT_SLACK_BYTES = 16 * 1024 * 1024
