import { BEHAVIOR_PRESET_NAMES, type BehaviorPresetName } from './preset-names'
import { DELAY_MAX_MS, type Behavior } from './schemas'

export { BEHAVIOR_PRESET_NAMES, type BehaviorPresetName } from './preset-names'

/**
 * Named receiver behaviours for demos and reproductions. "Slower than timeout" answers 5 s after
 * the timeout of the hook it is used with (a minute when no hook is known).
 */
const JSON_HEADERS: [string, string][] = [['Content-Type', 'application/json; charset=utf-8']]

export const HEALTHY_BEHAVIOR: Behavior = {
  status: 200,
  headers: JSON_HEADERS,
  body: '{"ok":true}',
  delay: { minMs: 0, maxMs: 0 },
  fault: 'none',
  expectedAuth: null,
  failure: { rate: 0, status: 500, fault: 'none' },
  overrides: {},
  preset: 'Healthy',
  forwardTo: null
}

const presets: Record<BehaviorPresetName, Omit<Behavior, 'preset'>> = {
  Healthy: HEALTHY_BEHAVIOR,
  Slow: { ...HEALTHY_BEHAVIOR, delay: { minMs: 2000, maxMs: 4000 } },
  'Slower than timeout': { ...HEALTHY_BEHAVIOR, delay: { minMs: 60_000, maxMs: 60_000 } },
  'Server error': {
    ...HEALTHY_BEHAVIOR,
    status: 500,
    body: '{"error":"Internal Server Error"}'
  },
  Unauthorized: {
    ...HEALTHY_BEHAVIOR,
    status: 401,
    headers: [...JSON_HEADERS, ['WWW-Authenticate', 'Basic realm="hook"']],
    body: '{"error":"Unauthorized"}'
  },
  Drop: { ...HEALTHY_BEHAVIOR, fault: 'drop' },
  Reset: { ...HEALTHY_BEHAVIOR, fault: 'reset' },
  Hang: { ...HEALTHY_BEHAVIOR, fault: 'hang' },
  Flaky: { ...HEALTHY_BEHAVIOR, failure: { rate: 0.5, status: 503, fault: 'none' } }
}

/** How long after the hook's timeout "Slower than timeout" answers. */
export const PAST_TIMEOUT_MS = 5_000

/** The delay "Slower than timeout" uses with a hook of this timeout. */
export function slowerThanTimeoutMs(hookTimeoutMs: number): number {
  return Math.min(hookTimeoutMs + PAST_TIMEOUT_MS, DELAY_MAX_MS)
}

/**
 * A fresh copy of a named preset; with the timeout of the hook it is for, "Slower than timeout"
 * answers just past that timeout.
 */
export function behaviorPreset(name: BehaviorPresetName, hookTimeoutMs?: number): Behavior {
  const p = presets[name]
  const behavior = structuredClone({ ...p, preset: name })
  if (name === 'Slower than timeout' && hookTimeoutMs !== undefined) {
    const ms = slowerThanTimeoutMs(hookTimeoutMs)
    behavior.delay = { minMs: ms, maxMs: ms }
  }
  return behavior
}

export function isPresetName(name: string): name is BehaviorPresetName {
  return (BEHAVIOR_PRESET_NAMES as readonly string[]).includes(name)
}
