import { useEffect, useState } from 'react'

export interface PresenterSize {
  /** Body text in px: 24 at 1080 lines, in proportion elsewhere, so the room sees the same slide. */
  body: number
  /** The diagram's text, a little smaller than the body: it has four lanes to fit. */
  diagram: number
  /** The diagram's time axis. */
  axis: number
}

function sizeFor(height: number): PresenterSize {
  const body = Math.max(14, Math.round(height / 45))
  return { body, diagram: Math.round(body * 0.92), axis: Math.round(height * 0.3) }
}

/** Type sizes that follow the window's height (a projector's 1080 or 720 lines). */
export function usePresenterSize(): PresenterSize {
  const [size, setSize] = useState(() => sizeFor(window.innerHeight))
  useEffect(() => {
    const resize = (): void => setSize(sizeFor(window.innerHeight))
    window.addEventListener('resize', resize)
    return () => window.removeEventListener('resize', resize)
  }, [])
  return size
}
