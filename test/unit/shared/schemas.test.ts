import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { API_METHODS, BRIDGE_NAMES } from '@shared/api'
import { checkArgs } from '@shared/api-check'
import { defaultSettings } from '@shared/defaults'
import { BEHAVIOR_PRESET_NAMES, behaviorPreset } from '@shared/presets'
import {
  BehaviorSchema,
  FireRequestSchema,
  HookConfigSchema,
  SettingsSchema
} from '@shared/schemas'
import { parseOrThrow, ValidationError } from '@shared/validation'

function fieldOf(fn: () => unknown): string | null {
  try {
    fn()
  } catch (e) {
    if (e instanceof ValidationError) return e.field
    throw e
  }
  throw new Error('expected a ValidationError')
}

describe('schemas', () => {
  it('accept the defaults and every preset', () => {
    expect(SettingsSchema.safeParse(defaultSettings()).success).toBe(true)
    for (const name of BEHAVIOR_PRESET_NAMES) {
      expect(BehaviorSchema.safeParse(behaviorPreset(name)).success, name).toBe(true)
    }
  })

  it('fill hook defaults (30 s timeout, TLS checked, enabled)', () => {
    const hook = HookConfigSchema.parse({ id: 'h', name: 'Study 7', url: 'http://x' })
    expect(hook).toMatchObject({ timeoutSeconds: 30, insecureTls: false, enabled: true, email: '' })
  })

  it('name the offending field', () => {
    expect(
      fieldOf(() =>
        parseOrThrow(HookConfigSchema, { id: 'h', name: 'S', url: 'u', timeoutSeconds: 301 })
      )
    ).toBe('timeoutSeconds')
    expect(fieldOf(() => parseOrThrow(HookConfigSchema, { id: 'h', name: '  ', url: 'u' }))).toBe(
      'name'
    )
    const bad = { ...behaviorPreset('Healthy'), delay: { minMs: 500, maxMs: 100 } }
    expect(fieldOf(() => parseOrThrow(BehaviorSchema, bad))).toBe('delay.maxMs')
    const badHeader = { ...behaviorPreset('Healthy'), headers: [['X-Ok', 'a\r\nInjected: 1']] }
    expect(fieldOf(() => parseOrThrow(BehaviorSchema, badHeader))).toBe('headers[0][1]')
    expect(
      fieldOf(() =>
        parseOrThrow(z.array(FireRequestSchema), [{ hookId: 'h', event: 'delete' }], 'args')
      )
    ).toBe('args[0].event')
    expect(fieldOf(() => checkArgs('fire', [{ hookId: 'h', event: 'delete' }]))).toBe('event')
    expect(fieldOf(() => checkArgs('deleteHook', [42]))).toBe('id')
    expect(fieldOf(() => checkArgs('getInfo', ['extra']))).toBe(null)
  })

  it('require exactly one of hookId or an inline hook when firing', () => {
    expect(FireRequestSchema.safeParse({ event: 'insert' }).success).toBe(false)
    expect(FireRequestSchema.safeParse({ event: 'insert', hookId: 'h' }).success).toBe(true)
    expect(
      FireRequestSchema.safeParse({
        event: 'insert',
        hookId: 'h',
        hook: { name: 'S', url: 'http://x' }
      }).success
    ).toBe(false)
  })

  it('refuse unknown fields in overrides instead of ignoring them', () => {
    const r = FireRequestSchema.safeParse({
      event: 'insert',
      hookId: 'h',
      fields: { transId: '1' }
    })
    expect(r.success).toBe(false)
  })

  it('list every API method once, and the bridge adds only `onBatch`', () => {
    expect(new Set(API_METHODS).size).toBe(API_METHODS.length)
    expect(BRIDGE_NAMES).toEqual([...API_METHODS, 'onBatch'])
  })
})
