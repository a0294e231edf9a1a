import { describe, expect, it } from 'vitest'
import { parseCapacityForm, type CapacityForm } from '@renderer/components/capacity/capacity-form'
import {
  behaviorToForm,
  emptyOverride,
  formToBehavior,
  type BehaviorForm
} from '@renderer/lib/behavior-form'
import { asSentence, fieldErrorsOf } from '@renderer/lib/form-issues'
import { formToDraft, hookToForm } from '@renderer/lib/hook-form'
import { checkFormErrors } from '@renderer/store/check-slice'
import { CapacityRequestSchema } from '@shared/capacity'
import { CheckRequestSchema } from '@shared/check'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import { TIMEOUT_SECONDS_RULE } from '@shared/schemas'

// The forms check with the schemas the engine checks with: the same rule, the same words.
const TIMEOUT = 'A whole number of seconds, 1 to 300.'
const NO_EMAIL = 'TrialKit sends no credentials without an email.'

const capacity: CapacityForm = {
  url: 'http://127.0.0.1:9/hook',
  email: '',
  password: '',
  event: 'insert',
  levels: '1, 4',
  requests: '',
  timeoutSeconds: '30'
}
const check = { url: 'http://127.0.0.1:9/hook', email: '', password: '', timeoutSeconds: '30' }

describe('form issues', () => {
  it("show the schema's words as a sentence, or the form's own for a field", () => {
    expect(asSentence(TIMEOUT_SECONDS_RULE)).toBe(TIMEOUT)
    const issues = [
      { path: ['name'], message: 'must not be empty' },
      { path: ['url'], message: 'first' },
      { path: ['url'], message: 'second' },
      { path: [], message: 'give exactly one.' }
    ]
    expect(fieldErrorsOf(issues)).toEqual({
      name: 'Must not be empty.',
      url: 'First.',
      form: 'Give exactly one.'
    })
    expect(fieldErrorsOf(issues, { words: { name: 'Name it.' } }).name).toBe('Name it.')
    expect(fieldErrorsOf(issues, { labelOf: (k) => (k === 'url' ? 'URL' : null) }).url).toBe(
      'URL first.'
    )
  })
})

describe('the timeout, in every form', () => {
  it.each(['0', '301', '1.5', 'ten', ''])('refuses %j in the same words', (typed) => {
    expect(checkFormErrors({ ...check, timeoutSeconds: typed })).toEqual({
      timeoutSeconds: TIMEOUT
    })
    expect(parseCapacityForm({ ...capacity, timeoutSeconds: typed })).toEqual({
      ok: false,
      errors: { timeoutSeconds: TIMEOUT }
    })
    const hook = formToDraft({
      ...hookToForm(),
      name: 'Study',
      url: check.url,
      timeoutSeconds: typed
    })
    expect(hook).toEqual({ ok: false, errors: { timeoutSeconds: TIMEOUT } })
  })
})

describe('the check form', () => {
  it('refuses a password without an email, as the engine does', () => {
    expect(checkFormErrors({ ...check, password: 'pw' })).toEqual({ email: NO_EMAIL })
    const api = CheckRequestSchema.safeParse({ url: check.url, password: 'pw' })
    expect(api.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['email'], 'TrialKit sends no credentials without an email']
    ])
  })

  it('names a URL TrialKit cannot call', () => {
    expect(checkFormErrors({ ...check, url: 'ftp://x/' }).url).toMatch(/ftp/)
  })
})

describe('the capacity form', () => {
  it('gives the request the engine accepts: levels once each, in order', () => {
    const parsed = parseCapacityForm({ ...capacity, levels: '16, 4, 4, 1', requests: '20' })
    expect(parsed).toEqual({
      ok: true,
      total: 60,
      request: {
        url: 'http://127.0.0.1:9/hook',
        email: '',
        password: '',
        event: 'insert',
        levels: [1, 4, 16],
        requests: 20,
        timeoutSeconds: 30
      }
    })
    expect(parsed.ok && CapacityRequestSchema.safeParse(parsed.request).success).toBe(true)
  })

  it.each([
    [{ levels: '1, x' }, { levels: 'Levels are whole numbers from 1 to 200.' }],
    [{ levels: '1, 201' }, { levels: 'Levels are whole numbers from 1 to 200.' }],
    [{ levels: '1,2,3,4,5,6,7,8,9,10,11,12,13' }, { levels: 'At most 12 levels.' }],
    [{ requests: 'many' }, { requests: 'A whole number from 1 to 5000, or none.' }],
    [
      { levels: '100, 200', requests: '5000' },
      { requests: 'A run sends at most 5000 requests in all; use fewer levels or fewer requests.' }
    ],
    [{ password: 'pw' }, { email: NO_EMAIL }]
  ])('names what is wrong with %j', (patch, errors) => {
    expect(parseCapacityForm({ ...capacity, ...patch })).toEqual({ ok: false, errors })
  })
})

describe('the behaviour form', () => {
  const healthy = behaviorToForm(HEALTHY_BEHAVIOR)

  it('gives back the behaviour it was made from', () => {
    expect(formToBehavior(healthy)).toEqual({ ok: true, behavior: HEALTHY_BEHAVIOR })
  })

  it.each([
    [
      { status: '99' },
      { status: 'Status must be an HTTP status, a whole number from 100 to 599.' }
    ],
    [
      { delayMin: '700000' },
      { delayMin: 'Delay must be a whole number of milliseconds from 0 to 600000.' }
    ],
    [
      { delayMode: 'range', delayMin: '500', delayMax: '100' },
      { delayMax: 'The longest delay must not be below the shortest.' }
    ],
    [{ failureRate: '150' }, { failureRate: 'Failure rate must be a percentage from 0 to 100.' }],
    [{ failureRate: 'half' }, { failureRate: 'Failure rate must be a percentage from 0 to 100.' }],
    [{ headers: [['', 'x']] }, { 'headers.0.name': 'Header name must not be empty.' }],
    [{ expectAuth: true }, { authEmail: 'Give the email the receiver should expect.' }],
    [
      { overrides: { review: { ...emptyOverride(), status: 'abc' } } },
      {
        'overrides.review.status': 'Status must be an HTTP status, a whole number from 100 to 599.'
      }
    ]
  ] as [Partial<BehaviorForm>, Record<string, string>][])(
    'names what is wrong with %j',
    (patch, errors) => {
      expect(formToBehavior({ ...healthy, ...patch })).toEqual({ ok: false, errors })
    }
  )
})
