/**
 * Saves text as a file through the browser's download: works the same in the desktop window and
 * in a browser, with no file-system access for the page.
 */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  downloadBlob(fileName, new Blob([text], { type }))
}

/** Saves binary content (an image, say) the same way as `downloadText`. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** Reads a file the user picked, refusing one bigger than `maxBytes` before reading it. */
export async function readPickedFile(file: File, maxBytes: number): Promise<string> {
  if (file.size > maxBytes) {
    throw new Error(
      `${file.name} is too big (${(file.size / 1024 / 1024).toFixed(1)} MiB; at most ${Math.floor(maxBytes / 1024 / 1024)} MiB).`
    )
  }
  return file.text()
}
