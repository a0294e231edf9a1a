/** The named receiver behaviours (presets.ts holds what each one does). */
export const BEHAVIOR_PRESET_NAMES = [
  'Healthy',
  'Slow',
  'Slower than timeout',
  'Server error',
  'Unauthorized',
  'Drop',
  'Reset',
  'Hang',
  'Flaky'
] as const
export type BehaviorPresetName = (typeof BEHAVIOR_PRESET_NAMES)[number]
