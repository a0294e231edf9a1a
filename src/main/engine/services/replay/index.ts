import type { ReplayRequest } from '@shared/replay'
import { ValidationError } from '@shared/validation'
import type { SendSpec } from '../../ports'
import { planReplay } from './plan-replay'
import type { HistoryService } from '../history'
import type { HooksService } from '../hooks'

/** Replay: what to send again for a history entry, as it was or edited. */
export class ReplayService {
  constructor(
    private readonly history: HistoryService,
    private readonly hooks: HooksService,
    private readonly receiverUrl: () => string | null
  ) {}

  plan(req: ReplayRequest): SendSpec {
    const source = this.history.get(req.sourceId)
    if (!source) {
      throw new ValidationError(
        `No exchange or capture in the history has the id "${req.sourceId}".`,
        'sourceId'
      )
    }
    const spec = planReplay(source, req, {
      hooks: this.hooks.withPasswords(),
      receiverUrl: this.receiverUrl()
    })
    return req.exchangeId === undefined ? spec : { ...spec, exchangeId: req.exchangeId }
  }
}
