import type { ReceiverConfig, Settings } from '@shared/schemas'
import { EngineEmitter } from '../events/typed-emitter'
import { exposedHost, ExposureGuard } from '../exposure'
import type { Dispatch, HistoryStore, RunningReceiver, SecretStore, SettingsPort } from '../ports'
import type { PortConflict } from '../receiver/listen-policy'
import { CapacityService } from './capacity'
import { ExchangesService } from './exchanges'
import { ForwardingService } from './forwarding'
import { HistoryService } from './history'
import { HooksService } from './hooks'
import { NoticeBoard } from './notices'
import { PublicUrlService } from './public-url'
import { ReceiverService } from './receiver'
import { ReplayService } from './replay'
import { ScenariosService } from './scenarios'
import { SettingsService } from './settings'
import { SharingService } from './sharing'

/** The services the engine is made of, each owning one concern and its state. */
export interface Services {
  /** Keeps a receiver beyond loopback behind real credentials (see exposure.ts). */
  exposure: ExposureGuard
  capacity: CapacityService
  publicUrl: PublicUrlService
  events: EngineEmitter
  notices: NoticeBoard
  settings: SettingsService
  hooks: HooksService
  scenarios: ScenariosService
  history: HistoryService
  receiver: ReceiverService
  exchanges: ExchangesService
  forwarding: ForwardingService
  replay: ReplayService
  sharing: SharingService
}

/** What the services are built from: the loaded parts and the engine's options. */
export interface ServiceParts {
  dataDir: string | null
  portConflict: PortConflict
  dispatch: Dispatch
  secrets: SecretStore
  settingsPort: SettingsPort
  settings: Settings
  journal: HistoryStore
  overrides: Partial<ReceiverConfig>
  /** Throws once the engine is closing. */
  assertOpen: () => void
  /** Anonymous access on a non-loopback host chosen for this run (`--allow-anonymous`). */
  allowAnonymous?: boolean | undefined
}

/**
 * Builds the services from the loaded parts. The receiver, the exchanges and forwarding call
 * one another, so each is handed the others as functions that look them up late.
 */
export function assembleServices(input: ServiceParts): Services {
  const events = new EngineEmitter()
  const notices = new NoticeBoard((notice) => events.emit('notice', notice))
  const where = input.dataDir ?? 'the settings store'
  const settings = new SettingsService(
    input.settingsPort,
    input.secrets,
    input.settings,
    where,
    notices,
    events
  )
  const history = new HistoryService(input.journal, notices, events)
  const hooks = new HooksService(settings)
  const exposure = new ExposureGuard(input.allowAnonymous === true, () => ({
    tunnel: publicUrl.exposed(),
    host: receiver.running ? exposedHost(receiver.running.host) : null
  }))
  // The receiver, the exchanges and forwarding call one another; each gets the others late.
  const receiver: ReceiverService = new ReceiverService({
    settings,
    notices,
    events,
    portConflict: input.portConflict,
    overrides: input.overrides,
    onCapture: (capture): Promise<void> => exchanges.receiveCapture(capture),
    onUnfinished: (id, unfinished) => void exchanges.captureUnfinished(id, unfinished),
    forward: (request) => forwarding.forward(request),
    exposure
  })
  const exchanges: ExchangesService = new ExchangesService({
    dispatch: input.dispatch,
    history,
    events,
    receiver: (): RunningReceiver | null => receiver.running,
    assertOpen: () => input.assertOpen()
  })
  const forwarding = new ForwardingService(
    () => receiver.running,
    (spec) => exchanges.send(spec)
  )
  const publicUrl: PublicUrlService = new PublicUrlService({
    dataDir: input.dataDir,
    receiverPort: () => receiver.running?.port ?? null,
    expectedAuth: () => settings.value.behavior.expectedAuth,
    exposure,
    secrets: input.secrets,
    onStatus: (status) => events.emit('public-status', status)
  })
  return {
    exposure,
    publicUrl,
    capacity: new CapacityService({
      send: (spec) => exchanges.send(spec),
      record: async (run) => {
        const json = await history.append(run)
        events.emit('capacity-done', run, json)
      },
      onProgress: (progress) => events.emit('capacity-progress', progress)
    }),
    events,
    notices,
    settings,
    hooks,
    scenarios: new ScenariosService(settings),
    history,
    receiver,
    exchanges,
    forwarding,
    replay: new ReplayService(history, hooks, () => receiver.running?.url ?? null),
    sharing: new SharingService(settings, history, events, input.dataDir, (behavior) =>
      exposure.check('Importing this bundle', behavior.expectedAuth)
    )
  }
}
