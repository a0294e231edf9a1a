import { spawn } from 'node:child_process'
import { errorMessage } from '@shared/error-message'

/** The platform's "open this URL in the default browser" command. */
function opener(url: string): { command: string; args: string[] } {
  if (process.platform === 'darwin') return { command: 'open', args: [url] }
  // `start` is a cmd built-in; the empty title keeps a quoted URL from being taken as the title.
  if (process.platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] }
  return { command: 'xdg-open', args: [url] }
}

/**
 * Opens a URL in the default browser, detached so the browser outlives nothing of ours. Failure
 * (no desktop, no xdg-open) is reported through `onError` and never ends the command.
 */
export function openInBrowser(url: string, onError: (message: string) => void): void {
  const { command, args } = opener(url)
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true })
    child.on('error', (error) => onError(`could not open a browser (${command}): ${error.message}`))
    child.on('exit', (code) => {
      if (code !== 0 && code !== null)
        onError(`could not open a browser: ${command} exited with ${code}`)
    })
    child.unref()
  } catch (error) {
    onError(`could not open a browser: ${errorMessage(error)}`)
  }
}
