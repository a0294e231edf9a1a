import { useRef, type KeyboardEvent, type PointerEvent } from 'react'

export interface SplitterProps {
  /** 'vertical': a bar between columns, dragged sideways; 'horizontal': between rows. */
  orientation: 'vertical' | 'horizontal'
  label: string
  testId: string
  value: number
  min: number
  max: number
  /** Keyboard step; Shift+arrow moves five steps. */
  step: number
  /** The value for a pointer position (clientX or clientY). */
  valueAt(pointer: number): number
  onChange(value: number): void
  /** The drag or key press is over: save the size. */
  onCommit(): void
  valueText?: string
}

/**
 * A pane splitter: drag it, or focus it and use the arrow keys (Home / End for the limits).
 * It is a focusable separator that tells assistive technology its position.
 */
export function Splitter(props: SplitterProps) {
  const dragging = useRef(false)
  const { orientation, value, min, max, step } = props
  const clamp = (v: number) => Math.min(max, Math.max(min, v))

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return
    e.preventDefault()
    dragging.current = true
    e.currentTarget.setPointerCapture?.(e.pointerId)
    e.currentTarget.focus()
  }
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return
    props.onChange(clamp(props.valueAt(orientation === 'vertical' ? e.clientX : e.clientY)))
  }
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return
    dragging.current = false
    e.currentTarget.releasePointerCapture?.(e.pointerId)
    props.onCommit()
  }
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const back = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp'
    const forward = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown'
    const amount = e.shiftKey ? step * 5 : step
    let next: number | null = null
    if (e.key === back) next = value - amount
    else if (e.key === forward) next = value + amount
    else if (e.key === 'Home') next = min
    else if (e.key === 'End') next = max
    if (next === null) return
    e.preventDefault()
    props.onChange(clamp(next))
  }

  return (
    <div
      className={`splitter splitter-${orientation}`}
      role="separator"
      tabIndex={0}
      aria-label={props.label}
      aria-orientation={orientation}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuetext={props.valueText}
      data-testid={props.testId}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      onKeyUp={(e) => {
        if (['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(e.key)) {
          props.onCommit()
        }
      }}
    />
  )
}
