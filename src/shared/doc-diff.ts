import { z } from 'zod'
import { buildEventBody, type HookEvent } from './trialkit'

/**
 * How a received TrialKit event differs from the shape TrialKit documents for it (its help
 * article's samples, which the dispatcher sends). The real TrialKit may send more or other than
 * the samples; this says exactly where, so an integrator knows what their endpoint must accept.
 */
export const DocDifferenceSchema = z.object({
  /** missing: a documented key is absent; extra: a key the docs don't list; type: the value's
   * JSON type differs; order: the documented keys come in another order (information only). */
  kind: z.enum(['missing', 'extra', 'type', 'order']),
  /** e.g. `wf_status` or `wf_object.wf_seq`. */
  path: z.string(),
  expected: z.string().nullable(),
  actual: z.string().nullable(),
  message: z.string()
})
export type DocDifference = z.infer<typeof DocDifferenceSchema>

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const documented = new Map<HookEvent, Record<string, Json>>()

/** The documented sample of an event, parsed once. */
function documentedShape(event: HookEvent): Record<string, Json> {
  let shape = documented.get(event)
  // Stryker disable next-line ConditionalExpression: a cache; parsing the sample again gives the same shape
  if (shape === undefined) {
    shape = JSON.parse(buildEventBody(event)) as Record<string, Json>
    documented.set(event, shape)
  }
  return shape
}

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 40 ? `${text.slice(0, 39)}…` : text
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function compare(
  expected: Record<string, Json>,
  actual: Record<string, unknown>,
  prefix: string,
  out: DocDifference[]
): void {
  const expectedKeys = Object.keys(expected)
  const actualKeys = Object.keys(actual)
  for (const key of expectedKeys) {
    const path = `${prefix}${key}`
    if (!Object.prototype.hasOwnProperty.call(actual, key)) {
      out.push({
        kind: 'missing',
        path,
        expected: typeOf(expected[key]),
        actual: null,
        message: `${path} is missing (documented as ${typeOf(expected[key])})`
      })
      continue
    }
    const want = expected[key]
    const got = actual[key]
    if (typeOf(want) !== typeOf(got)) {
      out.push({
        kind: 'type',
        path,
        expected: typeOf(want),
        actual: typeOf(got),
        message: `${path} is a ${typeOf(got)} (${show(got)}), documented as a ${typeOf(want)} (${show(want)})`
      })
      continue
    }
    // Stryker disable next-line LogicalOperator: the JSON types are equal here, so both are objects or neither
    if (isObject(want) && isObject(got)) compare(want as Record<string, Json>, got, `${path}.`, out)
  }
  for (const key of actualKeys) {
    if (Object.prototype.hasOwnProperty.call(expected, key)) continue
    const path = `${prefix}${key}`
    out.push({
      kind: 'extra',
      path,
      expected: null,
      actual: typeOf(actual[key]),
      message: `${path} is not in the documented sample (${show(actual[key])})`
    })
  }
  const sharedActual = actualKeys.filter((k) => Object.prototype.hasOwnProperty.call(expected, k))
  const sharedExpected = expectedKeys.filter((k) => Object.prototype.hasOwnProperty.call(actual, k))
  if (sharedActual.join('\u0000') !== sharedExpected.join('\u0000')) {
    out.push({
      kind: 'order',
      path: prefix === '' ? '(body)' : prefix.slice(0, -1),
      expected: sharedExpected.join(', '),
      actual: sharedActual.join(', '),
      message: `keys${prefix === '' ? '' : ` of ${prefix.slice(0, -1)}`} come in another order than documented (${sharedActual.join(', ')}); information only, JSON objects have no order`
    })
  }
}

/**
 * The differences between a received event body and TrialKit's documented sample of that event;
 * empty when it matches. Values are not compared, only keys, types and order.
 */
export function docDiff(event: HookEvent, json: unknown): DocDifference[] {
  if (!isObject(json)) return []
  const out: DocDifference[] = []
  compare(documentedShape(event), json, '', out)
  return out
}
