import type { z } from 'zod'
import { FireRequestSchema, type FireRequest } from '@shared/schemas'
import type { HookEvent } from '@shared/trialkit'
import { UsageError } from './errors'
import type { BuiltBody } from './fire-body'
import { PASSWORD_FLAGS } from './secret-flags'

/** The name a fired exchange carries in the history. */
export const CLI_HOOK_NAME = 'hook-inspector fire'

/** What `fire` asks for, its flags already read. */
export interface FireInput {
  event: HookEvent
  url: URL
  email: string
  password: string
  timeoutSeconds: number
  insecure: boolean
  body: BuiltBody
  /** Chosen here, so the command knows its own exchange when the engine announces it. */
  exchangeId: string
}

/** The flag behind each field of a FireRequest, by its path in the request. */
const FLAG_OF: Record<string, string> = {
  'hook.url': '--url',
  'hook.email': '--email',
  'hook.password': PASSWORD_FLAGS.value,
  'hook.timeoutSeconds': '--timeout',
  'fields.trans_id': '--trans-id',
  'fields.form_id': '--form-id',
  'fields.form_name': '--form-name',
  'fields.wf.wf_id': '--wf-id',
  'fields.wf.wf_seq': '--wf-seq',
  'fields.wf.wf_name': '--wf-name',
  'fields.wf.wf_desc': '--wf-name',
  'fields.wf.wf_status': '--wf-status',
  'fields.wf.wf_lock': '--wf-lock',
  'fields.wf.wf_sign': '--wf-sign',
  'fields.wf.wf_soft': '--wf-soft',
  'fields.wf.wf_fl': '--wf-fl',
  'fields.LockBroken': '--lock-broken'
}

/** A schema's refusal in a flag's words: a length limit says its limit as a number people read. */
function issueWords(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return `must be at most ${Number(issue.maximum).toLocaleString('en-US')} characters`
  }
  return issue.message
}

/**
 * The `fire` flags as the API's FireRequest, the request the composer, IPC and the control API
 * send, checked with the same schema: a value the API would refuse is a UsageError naming its
 * flag, before anything is printed or sent.
 */
export function fireRequestFromFlags(input: FireInput): FireRequest {
  const request: FireRequest = {
    hook: {
      name: CLI_HOOK_NAME,
      url: input.url.href,
      email: input.email,
      password: input.password,
      timeoutSeconds: input.timeoutSeconds,
      insecureTls: input.insecure,
      enabled: true
    },
    event: input.event,
    ...input.body.body,
    origin: 'fire',
    exchangeId: input.exchangeId
  }
  const parsed = FireRequestSchema.safeParse(request)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const path = issue?.path.join('.') ?? ''
    const flag = path === 'rawBody' ? input.body.flag : FLAG_OF[path]
    throw new UsageError(`${flag ?? path}: ${issue ? issueWords(issue) : 'invalid'}`)
  }
  return request
}
