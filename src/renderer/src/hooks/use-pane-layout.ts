import { useEffect, useState } from 'react'
import { paneLayoutFor, type PaneLayout } from '../lib/pane-sizes'

/** The pane arrangement for the window's current width, updated as the window is resized. */
export function usePaneLayout(): PaneLayout {
  const [layout, setLayout] = useState(() => paneLayoutFor(window.innerWidth))
  useEffect(() => {
    const onResize = (): void => setLayout(paneLayoutFor(window.innerWidth))
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])
  return layout
}
