import { downloadBlob, downloadText } from '@renderer/lib/download'

/** The style properties the diagram uses; copied from the page so the file stands alone. */
const PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'display',
  'visibility'
] as const

/**
 * A standalone copy of a drawn diagram: every element carries its computed style inline (the
 * theme's variables resolved to colours), with no classes, focus handlers or animation, so it
 * looks the same on a slide as in the app.
 */
export function standaloneSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement
  const from = [svg, ...svg.querySelectorAll<SVGElement>('*')]
  const to = [clone, ...clone.querySelectorAll<SVGElement>('*')]
  from.forEach((el, i) => {
    const target = to[i]
    if (!target) return
    const cs = getComputedStyle(el)
    const style = PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`)
      .filter((d) => !d.endsWith(':'))
      .join(';')
    target.setAttribute('style', style)
    target.removeAttribute('class')
    target.removeAttribute('tabindex')
  })
  for (const a of clone.querySelectorAll('animate')) a.remove()
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`
}

/** Saves the diagram as an .svg file. */
export function saveSvg(svg: SVGSVGElement, baseName: string): void {
  downloadText(`${baseName}.svg`, standaloneSvg(svg), 'image/svg+xml')
}

/**
 * Saves the diagram as a .png at twice its size: the standalone SVG is drawn into a canvas (the
 * page's policy allows data: images, nothing leaves the machine).
 */
export async function savePng(svg: SVGSVGElement, baseName: string, scale = 2): Promise<void> {
  const text = standaloneSvg(svg)
  const width = Number(svg.getAttribute('width'))
  const height = Number(svg.getAttribute('height'))
  const img = new Image()
  img.width = width
  img.height = height
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve()
    img.onerror = () => reject(new Error('the diagram could not be drawn as an image'))
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`
  })
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(width * scale)
  canvas.height = Math.round(height * scale)
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('this window cannot draw images')
  ctx.scale(scale, scale)
  ctx.drawImage(img, 0, 0, width, height)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!blob) throw new Error('the image could not be encoded as PNG')
  downloadBlob(`${baseName}.png`, blob)
}
