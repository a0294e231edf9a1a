import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ROOT, ensureBuilt, runCli } from '../helpers/cli'

/**
 * docs/CLI.md is the command line's reference: it must document every flag each command's --help
 * lists, and name no flag that does not exist. The flags are read from the built command at run
 * time, so a flag added, renamed or removed anywhere makes this fail until the page follows.
 */
const DOC_PATH = join(ROOT, 'docs', 'CLI.md')

/** Flags every command has that the page need not table. */
const COMMON_FLAGS = ['--help']
/** Flags the page may name that belong to no command: npm's own, in `npm run --silent cli`. */
const NOT_COMMAND_FLAGS = ['--silent']

const FLAG = /--[a-z][a-z0-9-]*/g

/** The subcommand names under "Commands:" in `hook-inspector --help` (without `help`). */
function commandsOf(help: string): string[] {
  const block = help.split(/^Commands:\n/m)[1] ?? ''
  return [...block.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)]
    .map((m) => m[1]!)
    .filter((c) => c !== 'help')
}

/** The long flags a command's --help lists under "Options:", `--help` left out. */
function flagsOf(help: string): string[] {
  const block = help.split(/^Options:\n/m)[1] ?? ''
  const flags = [...block.matchAll(/^ {2}(?:-[a-zA-Z], )?(--[a-z][a-z0-9-]*)/gm)].map((m) => m[1]!)
  return flags.filter((f) => !COMMON_FLAGS.includes(f))
}

interface Section {
  heading: string
  body: string
}

/** The page cut at its `## ` headings; the text before the first one is the intro. */
function sectionsOf(markdown: string): Section[] {
  const parts = markdown.split(/^## /m)
  const intro: Section = { heading: '', body: parts[0]! }
  const rest = parts.slice(1).map((part) => {
    const newline = part.indexOf('\n')
    return { heading: part.slice(0, newline).trim(), body: part.slice(newline + 1) }
  })
  return [intro, ...rest]
}

/** The command a section documents, from a heading such as "`listen`"; null for other sections. */
function commandOfSection(section: Section): string | null {
  return /^`([a-z][a-z-]*)`$/.exec(section.heading)?.[1] ?? null
}

/** The flags named in the first cell of the section's table rows (`| \`--port N\` | …`). */
function tabledFlags(body: string): string[] {
  const cells = [...body.matchAll(/^\| (`--[^|]*)\|/gm)].map((m) => m[1]!)
  return [...new Set(cells.flatMap((cell) => cell.match(FLAG) ?? []))]
}

/** Every flag-looking word in a text, once each; link targets (`](GUIDE.md#export--import)`) aside. */
function namedFlags(text: string): string[] {
  const prose = text.replace(/\]\([^)]*\)/g, ']')
  return [...new Set(prose.match(FLAG) ?? [])]
}

describe('docs/CLI.md follows every command’s --help', () => {
  const doc = readFileSync(DOC_PATH, 'utf8')
  const sections = sectionsOf(doc)
  let commands: string[] = []
  const flags = new Map<string, string[]>()

  beforeAll(async () => {
    ensureBuilt()
    const top = await runCli(['--help'])
    expect(top.code).toBe(0)
    commands = commandsOf(top.stdout)
    for (const command of commands) {
      const r = await runCli([command, '--help'])
      expect(r.code, `${command} --help`).toBe(0)
      flags.set(command, flagsOf(r.stdout))
    }
  }, 240_000)

  it('reads the commands and their flags from --help', () => {
    // A guard on the parsing itself: a help layout it cannot read must not pass as "nothing to check".
    expect(commands).toEqual(expect.arrayContaining(['listen', 'fire', 'serve', 'check', 'run']))
    for (const command of commands) expect(flags.get(command), command).not.toEqual([])
    expect(flags.get('fire')).toEqual(expect.arrayContaining(['--url', '--no-wf-lock', '--json']))
  })

  it('has one section per command, and none for a command that does not exist', () => {
    const documented = sections.map(commandOfSection).filter((c): c is string => c !== null)
    expect([...documented].sort()).toEqual([...commands].sort())
    // Each section starts with the command's usage line.
    for (const section of sections) {
      const command = commandOfSection(section)
      if (command === null) continue
      expect(section.body, `usage line of ${command}`).toMatch(new RegExp(`^\`${command} `, 'm'))
    }
  })

  it('tables every flag of every command in its section', () => {
    const missing: string[] = []
    for (const section of sections) {
      const command = commandOfSection(section)
      if (command === null) continue
      const tabled = tabledFlags(section.body)
      for (const flag of flags.get(command) ?? []) {
        if (!tabled.includes(flag)) missing.push(`${command} ${flag}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('names no flag that the command it describes does not have', () => {
    const unknown: string[] = []
    const everyFlag = new Set([...flags.values()].flat())
    for (const section of sections) {
      const command = commandOfSection(section)
      const known =
        command === null
          ? new Set([...everyFlag, ...COMMON_FLAGS, '--version', ...NOT_COMMAND_FLAGS])
          : new Set([...(flags.get(command) ?? []), ...COMMON_FLAGS])
      for (const flag of namedFlags(section.body)) {
        if (!known.has(flag)) unknown.push(`${command ?? (section.heading || 'intro')}: ${flag}`)
      }
    }
    expect(unknown).toEqual([])
  })
})
