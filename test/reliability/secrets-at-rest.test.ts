import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { defaultSettings } from '@shared/defaults'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import { failOnProcessErrors } from './support/process-guard'
import { skipNote } from '../helpers/skip-note'

failOnProcessErrors()

/** One distinct password for every place a password can be entered. */
const PASSWORDS = {
  hook: 'hook-Pw-7f3a91',
  expected: 'expected-Pw-2c8e44',
  scenario: 'scenario-Pw-5b1d07',
  step: 'step-Pw-9e6c32',
  stepExpected: 'step-expected-Pw-4a7f58'
}
const EMAIL = 'integrator@example.org'

/** The password as it can appear: plain, or inside Basic credentials. */
function forms(password: string): string[] {
  return [password, Buffer.from(`${EMAIL}:${password}`).toString('base64')]
}

function leaks(text: string, passwords: string[]): string[] {
  return passwords.filter((p) => forms(p).some((f) => text.includes(f)))
}

let root: string
const engines: Engine[] = []
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hi-rel-secrets-'))
})
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function engineAt(dataDir: string): Promise<Engine> {
  const engine = await createHeadlessEngine({ dataDir, receiverOverrides: { port: 0 } })
  engines.push(engine)
  return engine
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o777
}

describe('passwords live only in the secret store', () => {
  it('a password planted in every place: none in settings, history of config, bundle or HAR without secrets; all back after a restart', async () => {
    const dir = join(root, 'planted')
    const engine = await engineAt(dir)
    const receiverUrl = engine.receiverStatus().url!
    const hook = await engine.saveHook({
      name: 'Self',
      url: receiverUrl,
      email: EMAIL,
      password: PASSWORDS.hook
    })
    await engine.saveScenario({
      name: 'With credentials',
      credentials: { email: EMAIL, password: PASSWORDS.scenario },
      steps: [
        {
          title: 'Wrong credentials',
          event: 'insert',
          credentials: { email: EMAIL, password: PASSWORDS.step },
          behavior: {
            ...HEALTHY_BEHAVIOR,
            expectedAuth: { email: EMAIL, password: PASSWORDS.stepExpected }
          },
          expect: { outcome: 'success' }
        }
      ]
    })
    // Traffic to export: a fire with the hook's credentials, before the receiver expects any.
    await engine.fire({ event: 'insert', hookId: hook.id })
    await engine.setBehavior({
      ...HEALTHY_BEHAVIOR,
      expectedAuth: { email: EMAIL, password: PASSWORDS.expected }
    })
    const bundle = await engine.exportBundle({ includeSecrets: false })
    const har = await engine.exportHar({ includeSecrets: false })
    await engine.close()

    const all = Object.values(PASSWORDS)
    expect(leaks(bundle, all)).toEqual([])
    expect(leaks(har, all)).toEqual([])
    const files = readdirSync(dir)
    expect(files).toEqual(
      expect.arrayContaining(['settings.json', 'secrets.json', 'history.jsonl'])
    )
    for (const name of files) {
      const text = readFileSync(join(dir, name), 'utf8')
      if (name === 'secrets.json') {
        // The headless secret store (owner-only) holds each of them.
        expect(leaks(text, all)).toEqual(all)
      } else if (name === 'history.jsonl') {
        // Captured traffic keeps what was sent on the wire (the hook's own credentials), and
        // nothing configured.
        expect(leaks(text, all)).toEqual([PASSWORDS.hook])
      } else {
        expect({ name, leaks: leaks(text, all) }).toEqual({ name, leaks: [] })
      }
    }

    const again = await engineAt(dir)
    const settings = await again.getSettings()
    expect(settings.hooks[0]!.password).toBe(PASSWORDS.hook)
    expect(settings.behavior.expectedAuth?.password).toBe(PASSWORDS.expected)
    const scenario = settings.scenarios[0]!
    expect(scenario.credentials?.password).toBe(PASSWORDS.scenario)
    expect(scenario.steps[0]!.credentials?.password).toBe(PASSWORDS.step)
    const stepBehavior = scenario.steps[0]!.behavior
    expect(
      stepBehavior && 'expectedAuth' in stepBehavior && stepBehavior.expectedAuth?.password
    ).toBe(PASSWORDS.stepExpected)
  }, 30_000)

  it('passwords in a settings file (older version, or edited by hand) move to the secret store', async () => {
    const dir = join(root, 'migrate')
    mkdirSync(dir)
    const settings = defaultSettings()
    settings.behavior = {
      ...settings.behavior,
      expectedAuth: { email: EMAIL, password: PASSWORDS.expected }
    }
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings))
    const engine = await engineAt(dir)
    expect((await engine.getSettings()).behavior.expectedAuth?.password).toBe(PASSWORDS.expected)
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain(PASSWORDS.expected)
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toContain(PASSWORDS.expected)
  })
})

const posix = process.platform !== 'win32'
const OWNER_ONLY = 'the data dir is owner-only'
describe.runIf(posix)(
  OWNER_ONLY + skipNote(posix, OWNER_ONLY, 'Windows has no POSIX file modes to check'),
  () => {
    it('a data dir and files that existed with looser modes are narrowed; new files are 0600', async () => {
      const dir = join(root, 'loose')
      mkdirSync(dir, { mode: 0o755 })
      chmodSync(dir, 0o755)
      writeFileSync(join(dir, 'history.jsonl'), '', { mode: 0o644 })
      chmodSync(join(dir, 'history.jsonl'), 0o644)
      mkdirSync(join(dir, 'old'), { mode: 0o755 })
      chmodSync(join(dir, 'old'), 0o755)
      const engine = await engineAt(dir)
      await engine.saveHook({ name: 'A', url: 'http://127.0.0.1:9/', email: EMAIL, password: 'x' })
      await engine.setPreferences({ historyCap: 100 })
      expect((await engine.getInfo()).notices.map((n) => n.message).join('\n')).not.toMatch(
        /owner-only/
      )
      await engine.close()
      expect(modeOf(dir).toString(8)).toBe('700')
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        const expected = statSync(path).isDirectory() ? '700' : '600'
        expect({ name, mode: modeOf(path).toString(8) }).toEqual({ name, mode: expected })
      }
    })

    it('a fresh history file is created owner-only', async () => {
      const dir = join(root, 'fresh')
      const engine = await engineAt(dir)
      await engine.close()
      expect(modeOf(join(dir, 'history.jsonl')).toString(8)).toBe('600')
      expect(modeOf(dir).toString(8)).toBe('700')
    })
  }
)
