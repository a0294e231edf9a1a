import { useShallow } from 'zustand/react/shallow'
import { describeBehavior } from '@shared/behavior-text'
import { behaviorPreset, isPresetName, PAST_TIMEOUT_MS } from '@shared/presets'
import { HOOK_TIMEOUT_DEFAULT_S } from '@shared/schemas'
import { useApp } from '@renderer/store/store-context'

/**
 * Under the preset picker: what the chosen preset does, in one line made from the preset itself,
 * and for "Slower than timeout" the delay it uses and why.
 */
export function PresetNote() {
  const { preset, delayMin, hookTimeoutS } = useApp(
    useShallow((s) => ({
      preset: s.behaviorForm.preset,
      delayMin: s.behaviorForm.delayMin,
      hookTimeoutS:
        s.hooks.find((h) => h.id === s.activeHookId)?.timeoutSeconds ?? HOOK_TIMEOUT_DEFAULT_S
    }))
  )
  if (preset === null || !isPresetName(preset)) return null
  if (preset !== 'Slower than timeout') {
    return (
      <p className="field-hint" data-testid="behavior-preset-note">
        {describeBehavior(behaviorPreset(preset, hookTimeoutS * 1000))}
      </p>
    )
  }
  const delayS = Number(delayMin) / 1000
  const matches = Number(delayMin) === hookTimeoutS * 1000 + PAST_TIMEOUT_MS
  return (
    <p className="field-hint" data-testid="behavior-preset-note">
      Answers after {delayS} s
      {matches
        ? `: the active hook’s timeout (${hookTimeoutS} s) + ${PAST_TIMEOUT_MS / 1000} s, so TrialKit gives up first.`
        : `; the active hook’s timeout is ${hookTimeoutS} s. Pick the preset again to answer ${PAST_TIMEOUT_MS / 1000} s past it.`}
    </p>
  )
}
