import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useApp } from '@renderer/store/store-context'
import type { CheckForm, CheckState } from '@renderer/store/check-types'

export { checkFormErrors } from '@renderer/store/check-slice'
export type { CheckForm, CheckState } from '@renderer/store/check-types'

/** The readiness check's state and `run`, from the store; forgotten when the view goes away. */
export function useCheck(): CheckState & { run(form: CheckForm): Promise<void> } {
  const { check, run, discard } = useApp(
    useShallow((s) => ({ check: s.check, run: s.runCheck, discard: s.discardCheck }))
  )
  useEffect(() => discard, [discard])
  return { ...check, run }
}
