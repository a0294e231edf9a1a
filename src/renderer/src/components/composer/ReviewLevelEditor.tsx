import { useShallow } from 'zustand/react/shallow'
import { useApp } from '@renderer/store/store-context'
import { ReviewLevelFields } from './ReviewLevelFields'

/** The composer's review level: the shared fields, on the composer's overrides. */
export function ReviewLevelEditor() {
  const { overrides, setWf, applyReviewLevel, setLockBroken } = useApp(
    useShallow((s) => ({
      overrides: s.composer.overrides,
      setWf: s.setWf,
      applyReviewLevel: s.applyReviewLevel,
      setLockBroken: s.setLockBroken
    }))
  )
  return (
    <ReviewLevelFields
      fields={overrides}
      onLevel={applyReviewLevel}
      onChange={setWf}
      onLockBroken={setLockBroken}
    />
  )
}
