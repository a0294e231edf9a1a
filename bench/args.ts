import { SECTION_NAMES, type SectionName } from './types'

export interface BenchArgs {
  only: SectionName[]
  quick: boolean
  help: boolean
}

export const USAGE = `Usage: npm run bench -- [--only ${SECTION_NAMES.join(',')}] [--quick]

  --only <list>   run only these sections (comma-separated)
  --quick         short runs for a smoke test (figures are not representative)
  --help          show this help`

/** A command-line mistake, reported as one line without a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

function parseSections(raw: string): SectionName[] {
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  if (names.length === 0) throw new UsageError('--only needs at least one section name')
  for (const name of names) {
    if (!(SECTION_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(
        `--only: unknown section "${name}"; expected one of ${SECTION_NAMES.join(', ')}`
      )
    }
  }
  // Always in the table's order, whatever order they were given in.
  return SECTION_NAMES.filter((s) => names.includes(s))
}

/** Parses `--only a,b`, `--only=a,b`, `--quick` and `--help`; anything else is a UsageError. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { only: [...SECTION_NAMES], quick: false, help: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--quick') args.quick = true
    else if (arg === '--help' || arg === '-h') args.help = true
    else if (arg === '--only') {
      const value = argv[i + 1]
      if (value === undefined || value.startsWith('--')) {
        throw new UsageError('--only needs a list of sections')
      }
      args.only = parseSections(value)
      i++
    } else if (arg.startsWith('--only=')) args.only = parseSections(arg.slice('--only='.length))
    else throw new UsageError(`unknown argument "${arg}"`)
  }
  return args
}
