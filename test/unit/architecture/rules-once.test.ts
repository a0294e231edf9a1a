import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')

/** Every TypeScript source under `dir`, as repo-relative paths with their text. */
function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.tsx?$/.test(d.name))
    .map((d) => {
      const full = join(d.parentPath, d.name)
      return { path: relative(ROOT, full), text: readFileSync(full, 'utf8') }
    })
}

/** The files under src/ and bench/ whose text matches `pattern`. */
function filesMatching(pattern: RegExp): string[] {
  return [...sources('src'), ...sources('bench')]
    .filter((f) => pattern.test(f.text))
    .map((f) => f.path)
    .sort()
}

// Each rule has one home the compiler can follow; a second copy drifts (the window once called
// `app.localhost` loopback while the engine did not). These name the home of each.
describe('each rule is written once', () => {
  it('"is this loopback?" lives in src/shared/loopback.ts', () => {
    expect(filesMatching(/\^127|'::1'\s*\|\||=== '::1'/)).toEqual(['src/shared/loopback.ts'])
  })

  it('the message of anything thrown lives in src/shared/error-message.ts', () => {
    expect(filesMatching(/instanceof Error \?/)).toEqual([])
    expect(filesMatching(/instanceof Error && \w+\.message\)/)).toEqual([
      'src/shared/error-message.ts'
    ])
  })

  it('one useReducedMotion hook', () => {
    expect(filesMatching(/export function useReducedMotion\b/)).toEqual([
      'src/renderer/src/hooks/use-reduced-motion.ts'
    ])
  })

  it('the hook timeout bounds and their words live beside the schema', () => {
    expect(filesMatching(/\b1\)?, 300\)|\b\w+ > 300\b(?! \|\|)|\b1 to 300\b|\b1-300\b/)).toEqual([])
    expect(filesMatching(/whole number of seconds/)).toEqual(['src/shared/schemas.ts'])
  })

  it('the check counts are worded by the engine alone', () => {
    expect(filesMatching(/'warnings'/)).toEqual(['src/main/engine/check/report-summary.ts'])
  })

  it('"no credentials without an email" is one rule', () => {
    expect(filesMatching(/email === '' && \w+\.password !== ''/)).toEqual([])
    expect(filesMatching(/no credentials without an email/)).toEqual(['src/shared/schemas.ts'])
  })
})
