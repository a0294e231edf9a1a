/**
 * The API contract, written once: what every implementation of HookInspectorApi must answer,
 * whichever transport it sits behind. Each case runs against every implementation registered with
 * `describeApiContract` (the engine itself, the preload over IPC, the HTTP bridge over a real
 * control server, the component tests' fake bridge): the same results, and for bad input the
 * same error message, word for word.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HookInspectorApi } from '@shared/api'
import { hookConfig } from '@shared/hook-record'
import { HEALTHY_BEHAVIOR } from '@shared/presets'

export interface ContractSubject {
  api: HookInspectorApi
  dispose(): Promise<void>
}

/** Calls a method with any arguments, as a page or an HTTP client could. */
type Loose = Record<string, (...args: unknown[]) => Promise<unknown>>

/** Bad calls and the exact message every implementation must refuse them with. */
export const BAD_CALLS: { method: string; args: unknown[]; message: string }[] = [
  { method: 'getInfo', args: ['extra'], message: 'getInfo takes no arguments, not 1.' },
  { method: 'clearHistory', args: [null], message: 'clearHistory takes no arguments, not 1.' },
  { method: 'saveHook', args: [], message: 'saveHook takes one argument (hook), not 0.' },
  {
    method: 'deleteHook',
    args: ['a', 'b'],
    message: 'deleteHook takes one argument (id), not 2.'
  },
  {
    method: 'deleteHook',
    args: [42],
    message: 'id: Invalid input: expected string, received number'
  },
  {
    method: 'dismissNotice',
    args: [{ id: 'x' }],
    message: 'id: Invalid input: expected string, received object'
  },
  {
    method: 'decodeBody',
    args: [''],
    message: 'captureId: Too small: expected string to have >=1 characters'
  },
  {
    method: 'abortExchange',
    args: [''],
    message: 'id: Too small: expected string to have >=1 characters'
  },
  {
    method: 'saveHook',
    args: [{ name: '', url: 'http://127.0.0.1:9/' }],
    message: 'name: must not be empty'
  },
  {
    method: 'fire',
    args: [{ hookId: 'hook_1', event: 'delete' }],
    message: 'event: Invalid option: expected one of "insert"|"update"|"review"'
  },
  {
    method: 'listHistory',
    args: [{ limit: 0 }],
    message: 'limit: Too small: expected number to be >=1'
  },
  {
    method: 'setPreferences',
    args: [{ theme: 'purple' }],
    message: 'theme: Invalid option: expected one of "system"|"light"|"dark"'
  },
  {
    method: 'exportBundle',
    args: [{ ids: [''] }],
    message: 'ids[0]: Too small: expected string to have >=1 characters'
  },
  {
    method: 'deleteHook',
    args: ['hook_unknown'],
    message: 'No saved hook has the id "hook_unknown".'
  },
  {
    method: 'deleteScenario',
    args: ['scn_unknown'],
    message: 'No saved scenario has the id "scn_unknown".'
  }
]

async function messageOf(call: Promise<unknown>): Promise<string> {
  try {
    await call
  } catch (error) {
    expect(error).toBeInstanceOf(Error)
    return (error as Error).message
  }
  throw new Error('the call was expected to fail')
}

export function describeApiContract(name: string, make: () => Promise<ContractSubject>): void {
  describe(`API contract: ${name}`, () => {
    let subject: ContractSubject
    let api: HookInspectorApi

    beforeEach(async () => {
      subject = await make()
      api = subject.api
    })

    afterEach(async () => {
      await subject.dispose()
    })

    it.each(BAD_CALLS)('refuses $method($args) with "$message"', async (bad) => {
      const call = (api as unknown as Loose)[bad.method]!(...bad.args)
      expect(await messageOf(call)).toBe(bad.message)
    })

    it('a refusal names the field it concerns, on every transport', async () => {
      const call = (api as unknown as Loose).saveHook!({ name: '', url: 'http://127.0.0.1:9/' })
      await expect(call).rejects.toMatchObject({
        message: 'name: must not be empty',
        field: 'name'
      })
    })

    it('refuses a bad call without changing anything', async () => {
      const before = await api.getSettings()
      await messageOf((api as unknown as Loose).saveHook!({ name: ' ', url: 'http://x/' }))
      await messageOf((api as unknown as Loose).setPreferences!({ theme: 'purple' }))
      await messageOf((api as unknown as Loose).deleteHook!(42))
      expect(await api.getSettings()).toEqual(before)
    })

    it('saves a hook with the defaults filled in, lists it, and deletes it', async () => {
      const saved = await api.saveHook({ name: 'Study 7', url: 'http://127.0.0.1:9/hook' })
      // Every field not given has the schema's default.
      expect(saved).toEqual(
        hookConfig({
          id: expect.any(String) as string,
          name: 'Study 7',
          url: 'http://127.0.0.1:9/hook'
        })
      )
      const replaced = await api.saveHook({ ...saved, password: 's3cret' })
      expect(replaced).toEqual({ ...saved, password: 's3cret' })
      const settings = await api.getSettings()
      expect(settings.hooks).toEqual([replaced])
      await expect(api.deleteHook(saved.id)).resolves.toBeUndefined()
      expect((await api.getSettings()).hooks).toEqual([])
    })

    it('merges a preferences patch and returns the whole of them', async () => {
      const before = (await api.getSettings()).preferences
      const after = await api.setPreferences({ theme: 'dark' })
      expect(after).toEqual({ ...before, theme: 'dark' })
      expect((await api.getSettings()).preferences).toEqual(after)
    })

    it('replaces the receiver behaviour and returns it', async () => {
      const slow = { ...HEALTHY_BEHAVIOR, status: 503 }
      expect(await api.setBehavior(slow)).toEqual(slow)
      expect((await api.getSettings()).behavior).toEqual(slow)
    })

    it('saves and deletes a scenario', async () => {
      const saved = await api.saveScenario({
        name: 'Demo',
        steps: [{ title: 'Insert', event: 'insert', expect: { outcome: 'success' } }]
      })
      expect(saved).toMatchObject({
        id: expect.any(String),
        name: 'Demo',
        description: '',
        steps: [{ title: 'Insert', event: 'insert', narration: '', pauseMs: 0 }]
      })
      expect((await api.getSettings()).scenarios).toEqual([saved])
      await expect(api.deleteScenario(saved.id)).resolves.toBeUndefined()
      expect((await api.getSettings()).scenarios).toEqual([])
    })

    it('starts with an empty history, and clearing it resolves with nothing', async () => {
      await expect(api.listHistory({ limit: 10 })).resolves.toEqual([])
      await expect(api.clearHistory()).resolves.toBeUndefined()
      await expect(api.listHistory({})).resolves.toEqual([])
    })

    it('refuses to decode the body of a capture that is not in the history', async () => {
      await expect(api.decodeBody('cap_none')).rejects.toThrow(
        'No capture in the history has the id "cap_none".'
      )
    })

    it('dismisses a notice that is not there without complaint', async () => {
      await expect(api.dismissNotice('notice_unknown')).resolves.toBeUndefined()
    })

    it('reports the receiver and the version in getInfo', async () => {
      const info = await api.getInfo()
      expect(info).toMatchObject({
        version: expect.any(String),
        receiver: { running: expect.any(Boolean) },
        notices: []
      })
    })
  })
}
