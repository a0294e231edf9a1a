import { z } from 'zod'
import { HOOK_EVENTS } from './trialkit'

/** The wire vocabulary the other schemas are made of: events, outcome kinds, faults, headers. */

export const HookEventSchema = z.enum(HOOK_EVENTS)

/** The id of a hook, scenario, notice or history entry. */
export const IdSchema = z.string().min(1).max(100)

/** The ProtocolError kinds of a failed dispatch (docs/ARCHITECTURE.md, Wire format). */
export const PROTOCOL_ERROR_KINDS = [
  'timeout',
  'connection-refused',
  'connection-reset',
  'dns',
  'tls',
  'http-status',
  'invalid-url'
] as const
export const ProtocolErrorKindSchema = z.enum(PROTOCOL_ERROR_KINDS)
export type ProtocolErrorKind = z.infer<typeof ProtocolErrorKindSchema>

/** `aborted` is not something TrialKit shows: the user of this tool cancelled the dispatch. */
export const ExchangeErrorKindSchema = z.enum([...PROTOCOL_ERROR_KINDS, 'aborted'])
export type ExchangeErrorKind = z.infer<typeof ExchangeErrorKindSchema>

export const FAULTS = ['none', 'hang', 'drop', 'reset', 'slow-body'] as const
export const FaultSchema = z.enum(FAULTS)
export type Fault = z.infer<typeof FaultSchema>

const HeaderNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a valid HTTP header name')
const HeaderValueSchema = z
  .string()
  .max(16384)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\r\n\u0000]*$/, 'must not contain line breaks')
export const HeaderPairSchema = z.tuple([HeaderNameSchema, HeaderValueSchema])
/** Headers as an ordered list of [name, value] pairs: order and duplicates are kept. */
export const HeaderListSchema = z.array(HeaderPairSchema).max(200)
export type HeaderList = z.infer<typeof HeaderListSchema>
