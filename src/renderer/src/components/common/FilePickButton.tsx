import { useRef, type ReactNode } from 'react'

/**
 * A button that opens the file picker and hands over the one file chosen. The input is reset
 * after each pick, so choosing the same file again (after fixing it) is seen again.
 */
export function FilePickButton(props: {
  label: ReactNode
  accept: string
  testId: string
  className?: string
  disabled?: boolean
  onPick: (file: File) => void
}) {
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <button
        type="button"
        className={props.className ?? 'btn'}
        data-testid={props.testId}
        disabled={props.disabled}
        onClick={() => input.current?.click()}
      >
        {props.label}
      </button>
      <input
        ref={input}
        type="file"
        accept={props.accept}
        hidden
        data-testid={`${props.testId}-file`}
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) props.onPick(file)
        }}
      />
    </>
  )
}
