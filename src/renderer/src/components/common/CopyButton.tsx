import { useEffect, useState } from 'react'
import { copyText } from '@renderer/lib/clipboard'
import { useApp } from '@renderer/store/store-context'
import { errorMessage } from '@shared/error-message'

/** A button that copies `text` (computed on click) and briefly says so. */
export function CopyButton(props: {
  text: () => string
  label: string
  testId: string
  title?: string
  className?: string
}) {
  const toast = useApp((s) => s.toast)
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const t = setTimeout(() => setCopied(false), 1200)
    return () => clearTimeout(t)
  }, [copied])
  return (
    <button
      type="button"
      className={props.className ?? 'btn btn-small'}
      data-testid={props.testId}
      title={props.title}
      onClick={() => {
        copyText(props.text()).then(
          () => setCopied(true),
          (e: unknown) => toast('error', `Could not copy: ${errorMessage(e)}`)
        )
      }}
    >
      {copied ? 'Copied ✓' : props.label}
    </button>
  )
}
