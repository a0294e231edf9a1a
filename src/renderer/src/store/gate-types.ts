import type { ReplayCredentials } from '@shared/replay'
import type { HookConfig } from '@shared/schemas'

// The gate slice: a question asked before a dispatch goes out.

/** A question asked before a dispatch goes out. */
export type DispatchGate =
  | { kind: 'password'; hook: HookConfig; proceed: (hook: HookConfig) => Promise<void> }
  | { kind: 'confirm-url'; url: string; proceed: () => Promise<void> }
  | {
      /**
       * A re-send that lacks credentials (the source's Authorization was redacted on export, or
       * the hook it goes to has no password): asked inline, by the source's row.
       */
      kind: 'credentials'
      sourceId: string
      why: CredentialsReason
      /** The email to pre-fill: the hook's, else the one the entry was sent with. */
      email: string
      /** The saved hook the re-send goes to: the credentials may be saved with it. */
      hook: HookConfig | null
      proceed: (credentials: ReplayCredentials) => Promise<void>
    }

/** Why a re-send asks for credentials. */
export type CredentialsReason = 'redacted' | 'no-password'

export interface GateSlice {
  gate: DispatchGate | null
  /** Whether a hook sends an email with no password: TrialKit would send `email:`. */
  askPassword(hook: HookConfig, proceed: (hook: HookConfig) => Promise<void>): void
  askToSendTo(url: string, proceed: () => Promise<void>): void
  /**
   * Asks for the email and password to re-send an entry with (to `hook` when it goes to a saved
   * one); its row is selected to ask by.
   */
  askCredentials(
    sourceId: string,
    proceed: (credentials: ReplayCredentials) => Promise<void>,
    hook?: HookConfig | null
  ): void
  /** Sends the re-send waiting for credentials with these; `save` keeps them with its hook. */
  answerCredentials(credentials: ReplayCredentials, save?: boolean): Promise<void>
  /** Saves the password on the hook, then sends. */
  answerPassword(password: string): Promise<void>
  confirmGate(): Promise<void>
  cancelGate(): void
}
