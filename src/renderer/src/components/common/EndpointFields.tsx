import type { HookConfig } from '@shared/schemas'
import { Field } from './Field'

/*
 * The endpoint a check or capacity run goes to, as both views ask for it: its URL, the
 * credentials TrialKit would send, the hook's timeout, and a button that takes all of it from the
 * active hook. `prefix` names the test ids (`check-url`, `capacity-email`, …).
 */

/** What the active hook gives an endpoint form. */
export interface EndpointFromHook {
  url: string
  email: string
  password: string
  timeoutSeconds: string
}

export function UseHookButton(props: {
  prefix: string
  hook: HookConfig | null
  onUse: (fields: EndpointFromHook) => void
}) {
  const { hook } = props
  if (hook === null) return null
  return (
    <button
      type="button"
      className="btn btn-small"
      data-testid={`${props.prefix}-use-hook`}
      onClick={() =>
        props.onUse({
          url: hook.url,
          email: hook.email,
          password: hook.password,
          timeoutSeconds: String(hook.timeoutSeconds)
        })
      }
    >
      Use “{hook.name}”
    </button>
  )
}

export function EndpointUrlField(props: {
  prefix: string
  value: string
  error: string | undefined
  onChange: (url: string) => void
}) {
  const id = `${props.prefix}-url`
  return (
    <Field label="URL" error={props.error} testId={id}>
      <input
        data-testid={id}
        value={props.value}
        placeholder="https://example.org/trialkit-hook"
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Field>
  )
}

export function CredentialFields(props: {
  prefix: string
  email: string
  password: string
  emailError: string | undefined
  onChange: (patch: { email?: string; password?: string }) => void
}) {
  return (
    <>
      <Field label="Email (optional)" error={props.emailError} testId={`${props.prefix}-email`}>
        <input
          data-testid={`${props.prefix}-email`}
          value={props.email}
          autoComplete="off"
          onChange={(e) => props.onChange({ email: e.target.value })}
        />
      </Field>
      <Field label="Password">
        <input
          type="password"
          data-testid={`${props.prefix}-password`}
          value={props.password}
          autoComplete="off"
          onChange={(e) => props.onChange({ password: e.target.value })}
        />
      </Field>
    </>
  )
}

export function TimeoutField(props: {
  prefix: string
  value: string
  error: string | undefined
  onChange: (timeoutSeconds: string) => void
}) {
  const id = `${props.prefix}-timeout`
  return (
    <Field label="Timeout (s)" className="field-narrow" error={props.error} testId={id}>
      <input
        data-testid={id}
        inputMode="numeric"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Field>
  )
}
