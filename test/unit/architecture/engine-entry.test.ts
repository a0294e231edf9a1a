import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')

/** The rule ids ESLint reports for `text` as if it were the file at `path` (repo-relative). */
async function rulesHit(text: string, path: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT })
  const [result] = await eslint.lintText(text, { filePath: join(ROOT, path) })
  return result!.messages.map((m) => m.ruleId ?? m.message)
}

describe('one door into the engine', () => {
  it('refuses a deep import of the engine from the CLI, the control server, the desktop shell and the benchmarks', async () => {
    const cases: [string, string][] = [
      [
        "import { exposureRefusal } from '../engine/exposure'\nexposureRefusal()\n",
        'src/main/cli/x.ts'
      ],
      ["import { x } from '../engine/check/body-start'\nx()\n", 'src/main/web/x.ts'],
      ["import { x } from '../engine/receiver'\nx()\n", 'src/main/electron/x.ts'],
      ["import { x } from './engine/journal'\nx()\n", 'src/main/index.ts'],
      ["import { x } from '../src/main/engine/capacity/run-capacity'\nx()\n", 'bench/x.ts']
    ]
    for (const [text, path] of cases) {
      expect(await rulesHit(text, path), path).toContain('no-restricted-imports')
    }
  }, 60_000)

  it('lets them import its entry, and the engine import its own parts', async () => {
    expect(
      await rulesHit(
        "import { exposureRefusal } from '../engine'\nexposureRefusal()\n",
        'src/main/cli/x.ts'
      )
    ).not.toContain('no-restricted-imports')
    expect(
      await rulesHit("import { x } from './check/body-start'\nx()\n", 'src/main/engine/x.ts')
    ).not.toContain('no-restricted-imports')
  }, 60_000)
})
