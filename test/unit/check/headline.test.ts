import { describe, expect, it } from 'vitest'
import type { CheckItem } from '@shared/check'
import { headlineOf } from '@main/engine/check/report-summary'

/** The one-sentence verdict: which failure it names first, and real saves told from probes. */

const item = (id: string, status: CheckItem['status'], title = id): CheckItem => ({
  id,
  title,
  status,
  summary: '',
  evidence: [],
  exchangeIds: []
})
const events = (status: CheckItem['status']): CheckItem[] =>
  ['insert', 'update', 'review'].map((id) => item(id, status))
const cause = { summary: 'every event got HTTP 415', evidence: [] }

describe('headlineOf', () => {
  it('says ready on a pass', () => {
    expect(headlineOf('pass', events('pass'), null)).toBe('Ready for TrialKit.')
  })

  it('names the root cause first, then a refused certificate', () => {
    const items = [...events('fail'), item('tls', 'fail')]
    expect(headlineOf('fail', items, cause)).toBe(
      'Not ready: every real save gets the same refusal (see the root cause).'
    )
    expect(headlineOf('fail', items, null)).toBe(
      'Not ready: TrialKit will refuse the certificate, so every save would show a ProtocolError.'
    )
  })

  it('says site users would see ProtocolErrors when an event or the credentials failed', () => {
    const event = [item('insert', 'pass'), item('update', 'fail'), item('url', 'fail')]
    expect(headlineOf('fail', event, null)).toBe(
      'Not ready: TrialKit users would see ProtocolErrors.'
    )
    const creds = [...events('pass'), item('credentials', 'fail')]
    expect(headlineOf('fail', creds, null)).toBe(
      'Not ready: TrialKit users would see ProtocolErrors.'
    )
  })

  it('names the credentials or the URL even when another item failed before it', () => {
    const creds = [...events('pass'), item('bad-input', 'fail'), item('credentials', 'fail')]
    expect(headlineOf('fail', creds, null)).toBe(
      'Not ready: TrialKit users would see ProtocolErrors.'
    )
    const url = [item('bad-input', 'fail'), item('url', 'fail'), item('insert', 'not-run')]
    expect(headlineOf('fail', url, null)).toBe('Not ready: TrialKit cannot call this URL.')
  })

  it('counts real saves as passing only when every one of them passed', () => {
    const items = [
      item('insert', 'pass'),
      item('update', 'warn'),
      item('review', 'pass'),
      item('bad-input', 'fail', 'Bad input gets a 4xx')
    ]
    expect(headlineOf('fail', items, null)).toBe('Not ready: Bad input gets a 4xx.')
  })

  it('says the URL cannot be called', () => {
    expect(headlineOf('fail', [item('url', 'fail'), item('insert', 'not-run')], null)).toBe(
      'Not ready: TrialKit cannot call this URL.'
    )
  })

  it('tells passing real saves from failed robustness probes', () => {
    const items = [
      ...events('pass'),
      item('bad-input', 'fail', 'Bad input gets a 4xx'),
      item('latency', 'warn'),
      item('alive-after-bad-input', 'fail', 'Still answers after bad input')
    ]
    expect(headlineOf('fail', items, null)).toBe(
      'Real saves (insert, update, review) pass; robustness problems: Bad input gets a 4xx; Still answers after bad input.'
    )
    const warned = [item('insert', 'warn'), item('bad-input', 'fail', 'Bad input gets a 4xx')]
    expect(headlineOf('fail', warned, null)).toBe('Not ready: Bad input gets a 4xx.')
    expect(headlineOf('fail', [item('bad-input', 'fail', 'Bad input')], null)).toBe(
      'Not ready: Bad input.'
    )
  })

  it('a warning verdict says whether something warned or only went unchecked', () => {
    expect(headlineOf('warn', [...events('pass'), item('latency', 'warn')], null)).toBe(
      'Works, with warnings.'
    )
    expect(headlineOf('warn', [...events('pass'), item('latency', 'not-run')], null)).toBe(
      'Works, but some items could not be checked.'
    )
  })
})
