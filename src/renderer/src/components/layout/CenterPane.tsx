import { useShallow } from 'zustand/react/shallow'
import { useApp } from '@renderer/store/store-context'
import type { CenterView } from '@renderer/store/ui-types'
import { CapacityView } from '../capacity/CapacityView'
import { CheckView } from '../check/CheckView'
import { Segmented } from '../common/Segmented'
import { Composer } from '../composer/Composer'
import { RequestPreview } from '../composer/RequestPreview'
import { ReplayComposer } from '../replay/ReplayComposer'
import { ScenariosView } from '../scenarios/ScenariosView'

const VIEWS: readonly { value: CenterView; label: string; title: string }[] = [
  { value: 'compose', label: 'Compose', title: 'Fire one event as TrialKit would' },
  { value: 'check', label: 'Check endpoint', title: 'Will this endpoint survive TrialKit?' },
  {
    value: 'capacity',
    label: 'Capacity',
    title: 'How many site users saving at once can this hook hold?'
  },
  { value: 'scenarios', label: 'Scenarios', title: "Play a study record's life step by step" }
]

/** The centre pane: a switch between the composer, the readiness check and the scenarios. */
export function CenterPane() {
  const { view, setView, replaying } = useApp(
    useShallow((s) => ({
      view: s.centerView,
      setView: s.setCenterView,
      replaying: s.replayDraft !== null
    }))
  )
  return (
    <section className="pane pane-center" aria-label="Compose, check and scenarios">
      <div className="center-tabs">
        <Segmented
          value={view}
          options={VIEWS}
          onChange={setView}
          testId="center-view"
          ariaLabel="Centre pane"
        />
      </div>
      {view === 'compose' && replaying && <ReplayComposer />}
      {view === 'compose' && !replaying && (
        <>
          <Composer />
          <RequestPreview />
        </>
      )}
      {view === 'check' && <CheckView />}
      {view === 'capacity' && <CapacityView />}
      {view === 'scenarios' && <ScenariosView />}
    </section>
  )
}
