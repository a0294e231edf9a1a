import { useRef, type KeyboardEvent, type ReactNode } from 'react'

/** The id of a tab of a `Segmented` in tab mode, for its panel's `aria-labelledby`. */
export function tabIdOf(panelId: string, value: string): string {
  return `${panelId}-tab-${value}`
}

/**
 * A row of mutually exclusive buttons (event type, body mode, …): a radio group, or with
 * `panelId` a tab list whose panel carries that id. One Tab stop; the arrow keys, Home and End
 * move between the options and pick them, as the ARIA patterns for both roles expect.
 */
export function Segmented<T extends string>(props: {
  value: T
  options: readonly { value: T; label: ReactNode; title?: string; disabled?: boolean }[]
  onChange: (value: T) => void
  testId: string
  ariaLabel: string
  panelId?: string
}) {
  const ref = useRef<HTMLDivElement>(null)
  const tabs = props.panelId !== undefined
  const enabled = props.options.filter((o) => !o.disabled)
  const focusable = enabled.some((o) => o.value === props.value) ? props.value : enabled[0]?.value

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const at = enabled.findIndex((o) => o.value === props.value)
    let next: number
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = at + 1
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = at - 1
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = enabled.length - 1
    else return
    e.preventDefault()
    e.stopPropagation()
    if (enabled.length === 0) return
    const option = enabled[(next + enabled.length) % enabled.length]!
    props.onChange(option.value)
    ref.current
      ?.querySelector<HTMLButtonElement>(`[data-testid="${props.testId}-${option.value}"]`)
      ?.focus()
  }

  return (
    <div
      ref={ref}
      className="segmented"
      role={tabs ? 'tablist' : 'radiogroup'}
      aria-label={props.ariaLabel}
      data-testid={props.testId}
      onKeyDown={onKeyDown}
    >
      {props.options.map((o) => {
        const on = o.value === props.value
        return (
          <button
            key={o.value}
            type="button"
            role={tabs ? 'tab' : 'radio'}
            id={tabs ? tabIdOf(props.panelId!, o.value) : undefined}
            aria-selected={tabs ? on : undefined}
            aria-controls={tabs && on ? props.panelId : undefined}
            aria-checked={tabs ? undefined : on}
            tabIndex={o.value === focusable ? 0 : -1}
            className={on ? 'seg seg-on' : 'seg'}
            title={o.title}
            disabled={o.disabled}
            data-testid={`${props.testId}-${o.value}`}
            onClick={() => props.onChange(o.value)}
          >
            {o.label}
          </button>
        )
      })}
    </div>
  )
}
